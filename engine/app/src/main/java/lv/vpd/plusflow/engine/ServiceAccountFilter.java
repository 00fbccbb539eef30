package lv.vpd.plusflow.engine;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import org.operaton.bpm.engine.ProcessEngine;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic authentication of the REST API (/engine-rest) and of our own endpoints (/plusflow) against one
 * service account from configuration. Out of the box Operaton answers anonymous REST calls, and its own
 * Basic provider checks passwords through the identity service, whose login throttling locks an account
 * after wrong passwords: anyone who can reach the port could lock the workers out. Here the password is
 * compared in constant time with the configured one and nothing is ever locked; a wrong guess only costs
 * its sender a delay. `GET /engine-rest/engine` and `/engine-rest/version` stay open for health probes.
 */
public class ServiceAccountFilter extends OncePerRequestFilter {
  private static final long FAILURE_DELAY_MS = 250;

  private final String user;
  private final byte[] password;
  private final ProcessEngine engine;

  public ServiceAccountFilter(String user, String password, ProcessEngine engine) {
    this.user = user;
    this.password = password.getBytes(StandardCharsets.UTF_8);
    this.engine = engine;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws ServletException, IOException {
    String path = req.getRequestURI().substring(req.getContextPath().length());
    if ("GET".equals(req.getMethod()) && (path.equals("/engine-rest/engine") || path.equals("/engine-rest/version"))) {
      chain.doFilter(req, res);
      return;
    }
    if (!authenticated(req.getHeader("Authorization"))) {
      try {
        Thread.sleep(FAILURE_DELAY_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      res.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      res.setHeader("WWW-Authenticate", "Basic realm=\"plusflow-engine\"");
      res.setContentType("application/json");
      res.getWriter().write("{\"type\":\"AuthenticationException\",\"message\":\"Service account credentials required (HTTP Basic).\"}");
      return;
    }
    // Operations are attributed to the service account in the engine's user operation log.
    engine.getIdentityService().setAuthentication(user, List.of());
    try {
      chain.doFilter(req, res);
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  boolean authenticated(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) return false;
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) return false;
    boolean userOk = MessageDigest.isEqual(decoded.substring(0, colon).getBytes(StandardCharsets.UTF_8), user.getBytes(StandardCharsets.UTF_8));
    boolean passwordOk = MessageDigest.isEqual(decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8), password);
    return userOk & passwordOk;
  }
}
