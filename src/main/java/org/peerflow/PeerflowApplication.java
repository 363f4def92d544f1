package org.peerflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PeerflowApplication {

  public static void main(String[] args) {
    SpringApplication.run(PeerflowApplication.class, args);
  }
}
