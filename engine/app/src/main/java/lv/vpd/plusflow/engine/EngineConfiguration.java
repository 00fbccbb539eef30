package lv.vpd.plusflow.engine;

import java.util.ArrayList;
import java.util.List;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.history.handler.HistoryEventHandler;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Our additions to the engine's configuration: JSON variables as maps and lists, and two history event handlers
 * beside the engine's own database handler: the read-model sync and the external task relay.
 */
@Configuration
public class EngineConfiguration {
  @Bean
  public ExternalTaskRelay externalTaskRelay(DataSourceProperties db) {
    return new ExternalTaskRelay(db);
  }

  // The handlers are not beans of type HistoryEventHandler: the Spring Boot starter would take a single such bean
  // as the engine's only handler, in place of the engine's own database handler.
  @Bean
  public AbstractProcessEnginePlugin plusflowPlugin(
      ExternalTaskRelay relay, DataSource dataSource, @Value("${plusflow.read-models.schema:public}") String appSchema) {
    ReadModelSync readModels = new ReadModelSync(dataSource, "engine", appSchema);
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl cfg) {
        List<HistoryEventHandler> handlers = new ArrayList<>();
        if (cfg.getCustomHistoryEventHandlers() != null) handlers.addAll(cfg.getCustomHistoryEventHandlers());
        handlers.add(readModels);
        handlers.add(relay.notifier());
        cfg.setCustomHistoryEventHandlers(handlers);
        cfg.setEnableDefaultDbHistoryEventHandler(true);
        List<org.operaton.bpm.engine.impl.variable.serializer.TypedValueSerializer> serializers = new ArrayList<>();
        if (cfg.getCustomPreVariableSerializers() != null) serializers.addAll(cfg.getCustomPreVariableSerializers());
        serializers.add(new JsonValueSerializer());
        cfg.setCustomPreVariableSerializers(serializers);
      }
    };
  }
}
