package lv.vpd.plusflow.engine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.operaton.bpm.engine.history.ExternalTaskState;
import org.operaton.bpm.engine.impl.ProcessEngineImpl;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.history.event.HistoricExternalTaskLogEntity;
import org.operaton.bpm.engine.impl.history.event.HistoryEvent;
import org.operaton.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/**
 * Wakes the long polls of every engine node when an external task is created on any of them. A node wakes
 * only its own waiting fetch-and-lock requests, so with two nodes a worker polling node B saw a task created
 * on node A only when its poll timed out (ENGINE.md §9). Here the node that creates a task sends a PostgreSQL
 * NOTIFY inside the creating transaction (delivered at commit, so the task is visible when it arrives), and
 * every node LISTENs and signals its waiting polls.
 */
public class ExternalTaskRelay implements InitializingBean, DisposableBean {
  static final String CHANNEL = "plusflow_external_task";
  private static final Logger LOG = LoggerFactory.getLogger(ExternalTaskRelay.class);

  private final DataSourceProperties db;
  private final AtomicBoolean running = new AtomicBoolean(false);
  private Thread listener;

  public ExternalTaskRelay(DataSourceProperties db) {
    this.db = db;
  }

  /** The history event handler that notifies other nodes (not a bean of that type: see EngineConfiguration). */
  public HistoryEventHandler notifier() {
    return new HistoryEventHandler() {
      @Override
      public void handleEvent(HistoryEvent event) {
        notifyIfCreated(event);
      }

      @Override
      public void handleEvents(java.util.List<HistoryEvent> events) {
        for (HistoryEvent e : events) notifyIfCreated(e);
      }
    };
  }

  private void notifyIfCreated(HistoryEvent event) {
    // The engine sets no event type on external task logs; their state says what happened.
    if (event instanceof HistoricExternalTaskLogEntity log && log.getState() == ExternalTaskState.CREATED.getStateCode()) {
      try (Statement st = Context.getCommandContext().getDbSqlSession().getSqlSession().getConnection().createStatement()) {
        st.execute("NOTIFY " + CHANNEL);
      } catch (Exception e) {
        // Only latency is at stake: other nodes' polls still return at their timeout.
        LOG.warn("could not notify other engine nodes of a new external task: {}", e.getMessage());
      }
    }
  }

  @Override
  public void afterPropertiesSet() {
    running.set(true);
    listener = new Thread(this::listen, "external-task-relay");
    listener.setDaemon(true);
    listener.start();
  }

  @Override
  public void destroy() {
    running.set(false);
    if (listener != null) listener.interrupt();
  }

  private void listen() {
    while (running.get()) {
      try (Connection c = DriverManager.getConnection(db.determineUrl(), db.determineUsername(), db.determinePassword())) {
        try (Statement st = c.createStatement()) {
          st.execute("LISTEN " + CHANNEL);
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        LOG.info("listening for external tasks created on other engine nodes");
        while (running.get()) {
          PGNotification[] notes = pg.getNotifications(10_000);
          if (notes != null && notes.length > 0) ProcessEngineImpl.EXT_TASK_CONDITIONS.signalAll();
        }
      } catch (Exception e) {
        if (!running.get()) return;
        LOG.warn("external task relay lost its database connection ({}); reconnecting", e.getMessage());
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }
}
