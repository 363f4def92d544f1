package org.peerflow.identity;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The REST API answers only authenticated callers (HTTP Basic, checked against Camunda's
 * identity service; a verified login is reused for a short time, {@link VerifiedLogins}), so
 * Desktop Modeler's Deploy button, curl and an applicant portal all log in
 * as a user whose authorizations then apply. Camunda leaves /engine-rest open by default. The same
 * holds for Peerflow's own API under /peerflow/api.
 */
@Configuration(proxyBeanMethods = false)
class RestAuthentication {

  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> restAuthenticationFilter(
      VerifiedLogins logins) {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new CachedBasicAuthentication.Filter(logins));
    registration.setName("peerflow-rest-authentication");
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    return registration;
  }

  /**
   * Peerflow's own API (case records: legal hold, export) logs in the same way. The prefix tells
   * Camunda's filter where the path it checks begins, as the servlet path does for /engine-rest.
   */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> peerflowApiAuthenticationFilter(
      VerifiedLogins logins) {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new CachedBasicAuthentication.Filter(logins));
    registration.setName("peerflow-api-authentication");
    registration.addUrlPatterns("/peerflow/api/*");
    registration.addInitParameter(
        ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addInitParameter(
        ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, "/peerflow/api");
    return registration;
  }
}
