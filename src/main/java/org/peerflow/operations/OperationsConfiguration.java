package org.peerflow.operations;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Health, metrics and alerts for the people who run Peerflow (README, Operations). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class OperationsConfiguration {

  @Bean
  FilterRegistrationBean<OperatorAccessFilter> operatorAccessFilter(
      IdentityService identityService, OperatorsProperties properties) {
    FilterRegistrationBean<OperatorAccessFilter> registration =
        new FilterRegistrationBean<>(new OperatorAccessFilter(identityService, properties));
    registration.setName("peerflow-operator-access");
    registration.addUrlPatterns("/actuator", "/actuator/*");
    return registration;
  }
}
