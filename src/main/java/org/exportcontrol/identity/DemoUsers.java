package org.exportcontrol.identity;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The demo users (password = user name) and the two demo exporting companies. Demo profile only. */
@Component
@Profile("demo")
@Order(1)
public class DemoUsers implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

  public static final String DEMO_CYBER = "demo-cyber";
  public static final String OTHER_INTEL = "other-intel";

  record DemoUser(String id, String firstName, String lastName, String email, List<String> groups) {}

  static final List<DemoUser> USERS = List.of(
      staff("tech", "Tess", "Technical", Groups.TECHNICAL_REVIEWERS),
      staff("tech2", "Theo", "Technical-Officer", Groups.TECHNICAL_REVIEWERS, Groups.LICENSING_OFFICERS),
      staff("legal", "Lea", "Legal", Groups.LEGAL_REVIEWERS),
      staff("foreign", "Farid", "Foreign", Groups.FOREIGN_AFFAIRS_REVIEWERS),
      staff("officer", "Olga", "Officer", Groups.LICENSING_OFFICERS),
      staff("officer2", "Oscar", "Officer", Groups.LICENSING_OFFICERS),
      staff("compliance", "Cora", "Compliance", Groups.COMPLIANCE_OFFICERS),
      staff("manager", "Mia", "Manager", Groups.LICENSING_MANAGERS),
      new DemoUser("exporter", "Erik", "Exporter", "exporter@demo-cyber.example",
          List.of(Groups.APPLICANTS, DEMO_CYBER)),
      new DemoUser("exporter2", "Ella", "Exporter", "exporter2@other-intel.example",
          List.of(Groups.APPLICANTS, OTHER_INTEL)));

  private final IdentityService identityService;
  private final IdentitySetup identitySetup;

  DemoUsers(IdentityService identityService, IdentitySetup identitySetup) {
    this.identityService = identityService;
    this.identitySetup = identitySetup;
  }

  /** The demo user ids, for the start-up line. */
  public static List<String> ids() {
    return USERS.stream().map(DemoUser::id).toList();
  }

  @Override
  public void run(ApplicationArguments args) {
    identitySetup.ensureGroup(DEMO_CYBER, "Demo Cyber Ltd", Groups.COMPANY_TYPE);
    identitySetup.ensureGroup(OTHER_INTEL, "Other Intel Ltd", Groups.COMPANY_TYPE);
    for (DemoUser demo : USERS) {
      if (identityService.createUserQuery().userId(demo.id()).count() == 0) {
        User user = identityService.newUser(demo.id());
        user.setFirstName(demo.firstName());
        user.setLastName(demo.lastName());
        user.setEmail(demo.email());
        user.setPassword(demo.id());
        identityService.saveUser(user);
        log.info("Created demo user {}", demo.id());
      }
      for (String group : demo.groups()) {
        if (identityService.createUserQuery().userId(demo.id()).memberOfGroup(group).count() == 0) {
          identityService.createMembership(demo.id(), group);
        }
      }
    }
  }

  private static DemoUser staff(String id, String firstName, String lastName, String... groups) {
    return new DemoUser(id, firstName, lastName, id + "@exportcontrol.example", List.of(groups));
  }
}
