package org.exportcontrol.application;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an amendment changed: the fields of the application body, named by their JSON paths as the API
 * names them ({@code product.name}, {@code endUser.country}, {@code declaredPurposes}), whose values
 * differ between the earlier application and its amendment, in the body's order (issue 17).
 */
public final class ApplicationChanges {

  private ApplicationChanges() {}

  public static List<String> between(Application earlier, Application amendment) {
    List<String> changed = new ArrayList<>();
    differs(changed, "product.name", earlier.productName(), amendment.productName());
    differs(changed, "product.category", earlier.productCategory(), amendment.productCategory());
    differs(changed, "product.controlEntry", earlier.productControlEntry(), amendment.productControlEntry());
    differs(changed, "product.description", earlier.productDescription(), amendment.productDescription());
    differs(changed, "product.remoteShutdownCapable", earlier.productRemoteShutdownCapable(),
        amendment.productRemoteShutdownCapable());
    differs(changed, "endUser.name", earlier.endUserName(), amendment.endUserName());
    differs(changed, "endUser.type", earlier.endUserType(), amendment.endUserType());
    differs(changed, "endUser.country", earlier.endUserCountry(), amendment.endUserCountry());
    differs(changed, "declaredPurposes", earlier.declaredPurposes(), amendment.declaredPurposes());
    differs(changed, "endUseCertificate.signatory", earlier.certificateSignatory(), amendment.certificateSignatory());
    differs(changed, "endUseCertificate.signedOn", earlier.certificateSignedOn(), amendment.certificateSignedOn());
    differs(changed, "endUseCertificate.prohibitedUsesAcknowledged", earlier.certificateProhibitedUsesAcknowledged(),
        amendment.certificateProhibitedUsesAcknowledged());
    // 250000 and 250000.00 are the same amount
    if (!sameAmount(earlier.contractAmount(), amendment.contractAmount())) {
      changed.add("contractValue.amount");
    }
    differs(changed, "contractValue.currency", earlier.contractCurrency(), amendment.contractCurrency());
    return changed;
  }

  private static void differs(List<String> changed, String field, Object earlier, Object amendment) {
    if (!Objects.equals(earlier, amendment)) {
      changed.add(field);
    }
  }

  private static boolean sameAmount(BigDecimal a, BigDecimal b) {
    return a == null ? b == null : b != null && a.compareTo(b) == 0;
  }
}
