package org.peerflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.Task;
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
      if (Groups.OPERATORS.equals(user.groupId())) {
        assertThat(names).as("operators have no tasks and no Tasklist").isEmpty();
        continue;
      }
      assertThat(names)
          .as(user.id() + "'s filters")
          .containsExactlyInAnyOrder(
              TasklistFilters.MY_WORK, TasklistFilters.MY_TASKS, Groups.NAMES.get(user.groupId()));
    }
  }

  @Test
  void myWorkComesFirstAndListsWhatIsAssignedToMeOrStillOfferedToMyGroup() {
    TaskService tasks = processEngine.getTaskService();
    Task offered = newHrTask("offered to hr");
    Task mine = newHrTask("claimed by harper");
    tasks.claim(mine.getId(), "harper");
    Task hanas = newHrTask("claimed by hana");
    tasks.claim(hanas.getId(), "hana");
    Task elsewhere = tasks.newTask();
    elsewhere.setName("offered to supervisors");
    tasks.saveTask(elsewhere);
    tasks.addCandidateGroup(elsewhere.getId(), Groups.SUPERVISORS);
    try {
      Rest rest = new Rest(port);
      // the Tasklist orders the filters by their property "priority" and opens the first
      List<JsonNode> filters = new ArrayList<>();
      rest.get("harper", "/engine-rest/filter").json().forEach(filters::add);
      filters.sort(java.util.Comparator.comparingInt(
          filter -> filter.get("properties").get("priority").asInt()));
      JsonNode first = filters.get(0);
      assertThat(first.get("name").asText())
          .as("the filter the Tasklist opens on")
          .isEqualTo(TasklistFilters.MY_WORK);
      assertThat(first.get("properties").get("refresh").asBoolean())
          .as("shows its count")
          .isTrue();

      Rest.Response listed =
          rest.get("harper", "/engine-rest/filter/" + first.get("id").asText() + "/list");
      assertThat(listed.status()).as(listed.body()).isEqualTo(200);
      List<String> names = new ArrayList<>();
      listed.json().forEach(task -> names.add(task.get("name").asText()));
      assertThat(names)
          .contains("offered to hr", "claimed by harper")
          .doesNotContain("claimed by hana", "offered to supervisors");
    } finally {
      for (Task task : List.of(offered, mine, hanas, elsewhere)) {
        tasks.deleteTask(task.getId(), true);
      }
    }
  }

  private Task newHrTask(String name) {
    TaskService tasks = processEngine.getTaskService();
    Task task = tasks.newTask();
    task.setName(name);
    tasks.saveTask(task);
    tasks.addCandidateGroup(task.getId(), Groups.HR);
    return task;
  }

  @Test
  void filtersDescribeThemselvesToTheTasklist() {
    Filter hr =
        processEngine.getFilterService().createFilterQuery().filterName("HR").singleResult();

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
    long authorizations =
        processEngine.getAuthorizationService().createAuthorizationQuery().count();

    identitySetup.afterSingletonsInstantiated();

    assertThat(processEngine.getFilterService().createFilterQuery().count()).isEqualTo(filters);
    assertThat(processEngine.getIdentityService().createGroupQuery().count()).isEqualTo(groups);
    assertThat(processEngine.getIdentityService().createUserQuery().count()).isEqualTo(users);
    assertThat(
            processEngine.getAuthorizationService().createAuthorizationQuery().count())
        .isEqualTo(authorizations);
  }
}
