package org.peerflow.calendar;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes the business-day calendar available to BPMN and DMN expressions as {@code businessDays}. */
@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

  /** "Now" is the engine's clock, so tests that move ClockUtil move the calendar with it. */
  @Bean
  BusinessDays businessDays(CalendarProperties properties) {
    return new BusinessDays(properties.zone(), properties.holidays(), ClockUtil::getCurrentTime);
  }
}
