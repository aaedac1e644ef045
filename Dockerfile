# The application image. Build the jar first (./mvnw package -DskipTests), then
# `docker compose up --build`. The processes/ and forms/ folders are mounted, not baked in:
# they are the administrators' source of truth (see README.md).
#
# Start-up (docs/benchmarks.md, B4): the jar is extracted to plain jars, which the JVM loads
# faster than the fat jar's nested ones, and a training run that stops once the application
# context is refreshed records the classes it loaded in a class data sharing archive (app.jsa).
# Measured on two cores: fat jar 16 s, extracted 13-14 s, extracted with the archive 10 s.
FROM eclipse-temurin:17-jre AS extract
WORKDIR /build
COPY target/cyber-export-control-*.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --destination extracted

FROM eclipse-temurin:17-jre
RUN useradd --system --home /app --shell /usr/sbin/nologin exportcontrol
WORKDIR /app
COPY --from=extract /build/extracted/ /app/
# The training run uses the embedded default database in a folder of its own, removed afterwards.
# The archive must be made by the same JVM and with the same class path as the ENTRYPOINT's.
RUN mkdir /tmp/training && cd /tmp/training \
    && java -XX:ArchiveClassesAtExit=/app/app.jsa -Dspring.context.exit=onRefresh -jar /app/app.jar --server.port=0 \
    && rm -rf /tmp/training
USER exportcontrol
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:SharedArchiveFile=/app/app.jsa", "-jar", "/app/app.jar"]
