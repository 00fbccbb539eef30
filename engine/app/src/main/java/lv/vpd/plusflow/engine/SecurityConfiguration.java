package lv.vpd.plusflow.engine;

import org.operaton.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the service-account check in front of the REST API and our own endpoints; refuses to start without a password. */
@Configuration
public class SecurityConfiguration {
  @Bean
  public FilterRegistrationBean<ServiceAccountFilter> serviceAccountFilter(
      @Value("${plusflow.rest.user:}") String user, @Value("${plusflow.rest.password:}") String password, ProcessEngine engine) {
    if (user.isBlank() || password.length() < 12) {
      throw new IllegalStateException(
          "PLUSFLOW_ENGINE_USER and PLUSFLOW_ENGINE_PASSWORD (at least 12 characters) must be set: the engine's REST API is never open to anonymous callers.");
    }
    FilterRegistrationBean<ServiceAccountFilter> bean = new FilterRegistrationBean<>(new ServiceAccountFilter(user, password, engine));
    bean.addUrlPatterns("/engine-rest/*", "/plusflow/*");
    bean.setOrder(1);
    return bean;
  }
}
