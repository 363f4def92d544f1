# Peerflow's production image: the application jar, the models in processes/ and forms/, and the
# production profile (PostgreSQL and SMTP from environment variables; README, section Configuration).
# Built by docker-compose.yml; by hand: docker build -t peerflow .

FROM maven:3.9-eclipse-temurin-17 AS build
# the web modeler's editors come from npm at build time (src/main/modeler, see pom.xml)
RUN apt-get update -q && apt-get install -y -q --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY pom.xml .
COPY src src
RUN mvn -B -DskipTests package

FROM eclipse-temurin:17-jre
RUN groupadd --system peerflow \
 && useradd --system --gid peerflow --home-dir /app --shell /usr/sbin/nologin peerflow
WORKDIR /app
COPY --from=build /build/target/peerflow-*.jar /app/peerflow.jar
# the production profile deploys these folders at start-up (PEERFLOW_PROCESSES_DIR, PEERFLOW_FORMS_DIR)
COPY processes/ /app/processes/
COPY forms/ /app/forms/
USER peerflow

# About 300 MB resident instead of 500-650 MB with the JVM's defaults (docs: STACK.md);
# override JAVA_OPTS for larger installations.
ENV SPRING_PROFILES_ACTIVE=production \
    JAVA_OPTS="-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
EXPOSE 8080
# Readiness (/actuator/health/readiness, anonymous, status only): UP once the engine runs and the
# model folders are deployed; HTTP 503 before. Plain bash, no curl in the image needed.
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/peerflow.jar"]
