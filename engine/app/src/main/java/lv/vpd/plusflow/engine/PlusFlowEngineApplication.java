package lv.vpd.plusflow.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * PLUS Flow's workflow engine: Operaton with its REST API (/engine-rest, for our workflow port's adapter and
 * nothing else), the operators' web apps (/operaton) and four additions of ours:
 * read models of tasks, instances and incidents kept in the engine's own transaction, service-account authentication for the REST API, a relay that wakes every node's long polls when an
 * external task is created, and (development only) a clock endpoint for scenarios.
 */
@SpringBootApplication
public class PlusFlowEngineApplication {
  public static void main(String[] args) {
    // The engine stores times without a zone; the read-model sync reads them as UTC.
    java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
    SpringApplication.run(PlusFlowEngineApplication.class, args);
  }
}
