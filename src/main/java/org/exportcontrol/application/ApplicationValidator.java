package org.exportcontrol.application;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.exportcontrol.api.Violations;
import org.springframework.stereotype.Component;

/** Checks a request field by field and names every bad field with its JSON path. */
@Component
public class ApplicationValidator {

  private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
      .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

  private final Clock clock;

  public ApplicationValidator(Clock clock) {
    this.clock = clock;
  }

  public void validate(ApplicationRequest request) {
    Violations v = new Violations();
    if (request == null) {
      v.add("$", "a JSON body is required");
      v.throwIfAny();
    }
    if (v.required("product", request.product())) {
      ApplicationRequest.Product p = request.product();
      v.text("product.name", p.name(), 1, 200);
      v.oneOf("product.category", p.category(), ProductCategory.class);
      v.text("product.controlEntry", p.controlEntry(), 0, 32);
      v.text("product.description", p.description(), 0, 4000);
      v.required("product.remoteShutdownCapable", p.remoteShutdownCapable());
    }
    if (v.required("endUser", request.endUser())) {
      ApplicationRequest.EndUser e = request.endUser();
      v.text("endUser.name", e.name(), 1, 200);
      v.oneOf("endUser.type", e.type(), EndUserType.class);
      v.country("endUser.country", e.country());
    }
    purposes(v, request.declaredPurposes());
    certificate(v, "endUseCertificate", request.endUseCertificate());
    if (request.contractValue() != null) {
      ApplicationRequest.ContractValue c = request.contractValue();
      if (v.required("contractValue.amount", c.amount())) {
        v.amount("contractValue.amount", c.amount());
      }
      if (v.required("contractValue.currency", c.currency()) && !CURRENCIES.contains(c.currency())) {
        v.add("contractValue.currency", "must be an ISO 4217 currency code, such as EUR");
      }
    }
    v.throwIfAny();
  }

  public void validate(ResponseRequest response) {
    Violations v = new Violations();
    if (response == null) {
      v.add("$", "a JSON body is required");
      v.throwIfAny();
    }
    v.text("requestId", response.requestId(), 1, 64);
    v.text("message", response.message(), 1, 4000);
    certificate(v, "endUseCertificate", response.endUseCertificate());
    v.throwIfAny();
  }

  private void purposes(Violations v, List<ApplicationRequest.Purpose> purposes) {
    if (!v.required("declaredPurposes", purposes)) {
      return;
    }
    if (purposes.isEmpty() || purposes.size() > 20) {
      v.add("declaredPurposes", "must hold 1 to 20 purposes");
    }
    for (int i = 0; i < purposes.size(); i++) {
      String path = "declaredPurposes[" + i + "]";
      ApplicationRequest.Purpose p = purposes.get(i);
      if (!v.required(path, p)) {
        continue;
      }
      v.oneOf(path + ".kind", p.kind(), PurposeKind.class);
      if (PurposeKind.TERRORIST_ACT.name().equals(p.kind())) {
        v.oneOf(path + ".act", p.act(), TerroristAct.class);
        if (p.offence() != null || p.maxPenaltyYears() != null) {
          v.add(path, "a TERRORIST_ACT purpose has an act, not an offence or a penalty");
        }
      } else if (PurposeKind.SERIOUS_CRIME.name().equals(p.kind())) {
        v.text(path + ".offence", p.offence(), 1, 200);
        v.integer(path + ".maxPenaltyYears", p.maxPenaltyYears(), 0, 100);
        if (p.act() != null) {
          v.add(path + ".act", "a SERIOUS_CRIME purpose has an offence and a penalty, not an act");
        }
      }
    }
  }

  private void certificate(Violations v, String path, ApplicationRequest.EndUseCertificate c) {
    if (c == null) {
      return;
    }
    v.text(path + ".signatory", c.signatory(), 1, 200);
    if (v.required(path + ".signedOn", c.signedOn()) && c.signedOn().isAfter(LocalDate.now(clock))) {
      v.add(path + ".signedOn", "must not be in the future");
    }
    v.required(path + ".prohibitedUsesAcknowledged", c.prohibitedUsesAcknowledged());
  }
}
