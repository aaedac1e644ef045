# The application image. Build the jar first (./mvnw package -DskipTests), then
# `docker compose up --build`. The processes/ and forms/ folders are mounted, not baked in:
# they are the administrators' source of truth (see README.md).
FROM eclipse-temurin:17-jre
RUN useradd --system --home /app --shell /usr/sbin/nologin exportcontrol
WORKDIR /app
COPY target/cyber-export-control-*.jar /app/app.jar
USER exportcontrol
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
