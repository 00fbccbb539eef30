package lv.vpd.plusflow.engine;

import java.util.Map;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Development and test only (plusflow.clock.controlled=true; production has no such endpoint): moves this
 * engine node's clock so scenarios can let a deadline pass. The clock only ever moves forward by an offset
 * from real time, so time keeps running between moves and timers fire as they would.
 */
@RestController
@RequestMapping("/plusflow/clock")
@ConditionalOnProperty(name = "plusflow.clock.controlled", havingValue = "true")
public class ClockController {
  private long offsetMs = 0;

  @GetMapping
  public synchronized Map<String, Object> now() {
    return Map.of("now", ClockUtil.getCurrentTime().toInstant().toString(), "offsetMs", offsetMs);
  }

  /** {"addMs": n} moves the clock forward by n milliseconds; {"reset": true} returns to real time. */
  @PostMapping
  public synchronized ResponseEntity<Map<String, Object>> move(@RequestBody Map<String, Object> body) {
    if (Boolean.TRUE.equals(body.get("reset"))) {
      offsetMs = 0;
      ClockUtil.reset();
    } else if (body.get("addMs") instanceof Number n && n.longValue() >= 0) {
      offsetMs += n.longValue();
      // An offset, not a fixed time: the clock keeps running between moves.
      ClockUtil.offset(offsetMs);
    } else {
      return ResponseEntity.badRequest().body(Map.of("message", "Send {\"addMs\": <non-negative milliseconds>} or {\"reset\": true}."));
    }
    return ResponseEntity.ok(now());
  }
}
