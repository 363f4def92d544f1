package org.peerflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.junit.jupiter.api.Test;
import org.peerflow.IntegrationTestBase;
import org.peerflow.Rest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

class TasklistFiltersTest extends IntegrationTestBase {

  @LocalServerPort
  int port;

  @Autowired
  IdentitySetup identitySetup;

  @Test
  void eachDemoUserSeesMyTasksAndOnlyTheFilterOfHisOwnGroup() {
    for (DemoIdentities.DemoUser user : DemoIdentities.USERS) {
      Rest.Response response = new Rest(port).get(user.id(), "/engine-rest/filter");
      assertThat(response.status()).as(response.body()).isEqualTo(200);
      List<String> names = new ArrayList<>();
      for (JsonNode filter : response.json()) {
        names.add(filter.get("name").asText());
      }
      assertThat(names).as(user.id() + "'s filters")
          .containsExactlyInAnyOrder(TasklistFilters.MY_TASKS, Groups.NAMES.get(user.groupId()));
    }
  }

  @Test
  void filtersDescribeThemselvesToTheTasklist() {
    Filter hr = processEngine.getFilterService().createFilterQuery().filterName("HR").singleResult();

    assertThat(hr.getOwner()).isNull();
    assertThat(hr.getProperties()).containsKeys("description", "priority", "color");
    TaskQueryImpl query = hr.getQuery();
    assertThat(query.getCandidateGroup()).isEqualTo(Groups.HR);
    assertThat(query.isIncludeAssignedTasks()).isTrue();
  }

  @Test
  void startUpSetupCanRunAgainWithoutDuplicates() {
    long filters = processEngine.getFilterService().createFilterQuery().count();
    long groups = processEngine.getIdentityService().createGroupQuery().count();
    long users = processEngine.getIdentityService().createUserQuery().count();
    long authorizations = processEngine.getAuthorizationService().createAuthorizationQuery().count();

    identitySetup.afterSingletonsInstantiated();

    assertThat(processEngine.getFilterService().createFilterQuery().count()).isEqualTo(filters);
    assertThat(processEngine.getIdentityService().createGroupQuery().count()).isEqualTo(groups);
    assertThat(processEngine.getIdentityService().createUserQuery().count()).isEqualTo(users);
    assertThat(processEngine.getAuthorizationService().createAuthorizationQuery().count()).isEqualTo(authorizations);
  }
}
