package org.exportcontrol.casefile;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.GroupQuery;
import org.camunda.bpm.engine.identity.UserQuery;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.exportcontrol.support.ControllerSlice;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * Who may open /cases/**: staff with a webapp session, with their groups as the identity service has
 * them now; a session of a user without a staff group gets 403, no session goes to Tasklist's login.
 */
@WebMvcTest(CaseFileController.class)
class CaseFileControllerTest extends ControllerSlice {

  @MockitoBean CaseFiles caseFiles;

  @Test
  void staffWithAWebappSessionGetThePage() throws Exception {
    when(caseFiles.find("EXP-2026-000001")).thenReturn(new CaseFiles.Unknown());
    mvc.perform(get("/cases/EXP-2026-000001").session(webappSession("legal", LEGAL_REVIEWERS)))
        .andExpect(status().isNotFound())
        .andExpect(content().string(containsString("No such case")));
    mvc.perform(get("/cases/EXP-2026-000001").session(webappSession("admin", ADMIN)))
        .andExpect(status().isNotFound());
  }

  @Test
  void aSessionWithoutAStaffGroupIsRefused() throws Exception {
    mvc.perform(get("/cases/EXP-2026-000001").session(webappSession("exporter", APPLICANTS)))
        .andExpect(status().isForbidden())
        .andExpect(content().string(containsString("Case files are for the agency's staff")));
    // a reviewer whose staff group was taken away since logging in
    mvc.perform(get("/cases/EXP-2026-000001").session(webappSession("former")))
        .andExpect(status().isForbidden());
    verifyNoInteractions(caseFiles);
  }

  @Test
  void withoutASessionTheBrowserGoesToTheLogin() throws Exception {
    mvc.perform(get("/cases/EXP-2026-000001")).andExpect(redirectedUrl("/camunda/app/tasklist/default/"));
    mvc.perform(get("/cases/EXP-2026-000001/diagrams")).andExpect(redirectedUrl("/camunda/app/tasklist/default/"));
    // HTTP Basic is the API's login, not the case file's
    mvc.perform(get("/cases/EXP-2026-000001").with(as("officer", LICENSING_OFFICERS)))
        .andExpect(redirectedUrl("/camunda/app/tasklist/default/"));
    verifyNoInteractions(caseFiles);
  }

  @Test
  void thePageIsReadOnlyAndRunsOnlyItsOwnScripts() throws Exception {
    mvc.perform(post("/cases/EXP-2026-000001").session(webappSession("officer", LICENSING_OFFICERS)))
        .andExpect(status().isForbidden());
    when(caseFiles.find("EXP-2026-000001")).thenReturn(new CaseFiles.Unknown());
    mvc.perform(get("/cases/EXP-2026-000001").session(webappSession("officer", LICENSING_OFFICERS)))
        .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self';")))
        .andExpect(header().string("X-Frame-Options", "DENY"));
  }

  /** A session as Tasklist's login leaves it; the identity service has the user in these groups now. */
  private MockHttpSession webappSession(String user, String... groups) {
    MockHttpSession session = new MockHttpSession();
    Authentications authentications = new Authentications();
    authentications.addOrReplace(new UserAuthentication(user, "default"));
    AuthenticationUtil.updateSession(session, authentications);

    UserQuery users = mock(UserQuery.class, RETURNS_SELF);
    when(users.count()).thenReturn(1L);
    when(identityService.createUserQuery()).thenReturn(users);
    GroupQuery memberships = mock(GroupQuery.class, RETURNS_SELF);
    List<Group> groupList = Arrays.stream(groups).map(id -> {
      Group group = mock(Group.class);
      when(group.getId()).thenReturn(id);
      return group;
    }).toList();
    when(memberships.listPage(anyInt(), anyInt())).thenReturn(groupList);
    when(identityService.createGroupQuery()).thenReturn(memberships);
    return session;
  }
}
