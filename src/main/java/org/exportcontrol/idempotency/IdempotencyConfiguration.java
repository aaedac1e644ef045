package org.exportcontrol.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import org.exportcontrol.api.RequestSizeLimit;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Installs the idempotency filter on /api. Registered here rather than as a filter bean, so that a
 * controller's {@code @WebMvcTest} slice (which scans filter beans, and has no database) leaves it out.
 */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

  @Bean
  FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyKeys keys, ObjectMapper json) {
    FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(new IdempotencyFilter(keys, json));
    registration.setName("idempotency-keys");
    registration.addUrlPatterns("/api/*");
    // it reads the body: after the size limit, which cuts a body off at 1 MiB
    registration.setOrder(RequestSizeLimit.ORDER + 1);
    return registration;
  }

  /** The header in the OpenAPI document, on every POST. */
  @Bean
  OpenApiCustomizer idempotencyKeyHeader() {
    return openApi -> openApi.getPaths().values().stream()
        .filter(path -> path.getPost() != null)
        .forEach(path -> path.getPost().addParametersItem(new HeaderParameter()
            .name(IdempotencyKey.HEADER)
            .required(false)
            .schema(new StringSchema().maxLength(IdempotencyKey.MAX_LENGTH))
            .example("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"")
            .description("Makes a retry safe: the same request again with the same key within "
                + "exportcontrol.idempotency.retention (default one day) answers the first answer and changes "
                + "nothing. The key with another request: 422. While the first still runs: 409. 1-255 printable "
                + "ASCII characters, quoted or not.")));
  }
}
