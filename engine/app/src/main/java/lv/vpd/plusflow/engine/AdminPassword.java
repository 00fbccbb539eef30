package lv.vpd.plusflow.engine;

import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The operators' administrator gets the configured password at every start. The Spring Boot starter creates the
 * user only on an empty schema, so a password changed in the environment would otherwise never take effect.
 * (The password is set, not checked: checking a wrong one would count towards the engine's login throttling.)
 */
@Component
public class AdminPassword implements ApplicationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(AdminPassword.class);

  private final IdentityService identity;
  private final String userId;
  private final String password;

  public AdminPassword(IdentityService identity, @Value("${operaton.bpm.admin-user.id:}") String userId, @Value("${operaton.bpm.admin-user.password:}") String password) {
    this.identity = identity;
    this.userId = userId;
    this.password = password;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (userId.isBlank() || password.isBlank()) return;
    try {
      User user = identity.createUserQuery().userId(userId).singleResult();
      if (user == null) return;
      user.setPassword(password);
      identity.saveUser(user);
      identity.unlockUser(userId);
    } catch (RuntimeException e) {
      // Two nodes starting together may both try; one of them wins, which is all that matters.
      LOG.warn("could not set the administrator's password at start: {}", e.getMessage());
    }
  }
}
