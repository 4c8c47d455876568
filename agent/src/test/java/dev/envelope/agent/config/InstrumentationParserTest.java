package dev.envelope.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstrumentationParserTest {
  private final List<String> problems = new ArrayList<>();

  private List<MethodSpec> parse(String text) {
    return InstrumentationParser.parse(text, "envelope.instrument", problems::add);
  }

  @Test
  void parsesTheIssuesExample() {
    List<MethodSpec> specs = parse("com.acme.Serving#deploy(kind=deployment,service=serving,"
        + "operation=deploy_model,requested=1,caller=0);com.acme.Placer#place(grant)");
    assertThat(problems).isEmpty();
    assertThat(specs).hasSize(2);
    MethodSpec admission = specs.get(0);
    assertThat(admission.className).isEqualTo("com.acme.Serving");
    assertThat(admission.methodName).isEqualTo("deploy");
    assertThat(admission.parameterCount).isEqualTo(-1);
    assertThat(admission.role).isEqualTo(MethodSpec.Role.ADMISSION);
    assertThat(admission.kind).isEqualTo("deployment");
    assertThat(admission.service).isEqualTo("serving");
    assertThat(admission.operation).isEqualTo("deploy_model");
    assertThat(admission.arguments).extracting(a -> a.family + "@" + a.index)
        .containsExactly("requested@1", "caller@0");
    MethodSpec grant = specs.get(1);
    assertThat(grant.role).isEqualTo(MethodSpec.Role.GRANT);
    assertThat(grant.selects("place", 3)).isTrue();
  }

  @Test
  void parameterCountKeysResultResolutionExtensionsAndComments() {
    List<MethodSpec> specs = parse(String.join("\n",
        "# a comment line",
        "com.acme.Api#submit/4(kind=EVALUATION, service=eval, scope=2:workspace_id,",
        "",
        "com.acme.Api#submit/4(kind=evaluation, service=eval, scope=2:workspace_id, governance=3:audit_level,"
            + " extension.eval.harness=1, sensitive=0|1, result=jobId->job_id|queue)",
        "com.acme.Net#reserve/2(grant, granted=0:bandwidth_mbps, granted=1:route, resolution=route)"));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).startsWith("envelope.instrument entry 'com.acme.Api#submit/4(kind=EVALUATION")
        .endsWith("; ignored");
    assertThat(specs).hasSize(2);
    MethodSpec submit = specs.get(0);
    assertThat(submit.parameterCount).isEqualTo(4);
    assertThat(submit.selects("submit", 4)).isTrue();
    assertThat(submit.selects("submit", 3)).isFalse();
    assertThat(submit.arguments).extracting(a -> a.family + "/" + a.namespace + "@" + a.index + ":" + a.key)
        .containsExactly("scope/null@2:workspace_id", "governance/null@3:audit_level",
            "null/eval.harness@1:");
    assertThat(submit.sensitive).containsExactly(0, 1);
    assertThat(submit.result).containsExactly("jobId->job_id", "queue");
    MethodSpec reserve = specs.get(1);
    assertThat(reserve.resolution).containsExactly("route");
    assertThat(reserve.arguments).extracting(a -> a.family + "@" + a.index + ":" + a.key)
        .containsExactly("granted@0:bandwidth_mbps", "granted@1:route");
  }

  @Test
  void eachBadEntryIsOneClearLineAndTheOthersStillApply() {
    List<MethodSpec> specs = parse("com.acme.A#a(kind=bogus,service=s);"
        + "com.acme.B#b(service=s);"
        + "com.acme.C#c/1(kind=other,service=s,caller=1);"
        + "com.acme.D#d(grant,kind=other);"
        + "com.acme.E#e(kind=other,service=s,colour=red);"
        + "com.acme.F#f(kind=other,service=s,extension.Caller.x=0);"
        + "not a method spec;"
        + "com.acme.G#g(kind=other,service=s,requested=x);"
        + "com.acme.Ok#fine(kind=other,service=s,requested=0)");
    assertThat(specs).extracting(s -> s.className).containsExactly("com.acme.Ok");
    assertThat(problems).hasSize(8);
    assertThat(problems).allSatisfy(p -> assertThat(p).doesNotContain("\n").endsWith("; ignored"));
    assertThat(problems.get(0)).contains("unknown kind 'bogus'");
    assertThat(problems.get(1)).contains("needs kind= and service=");
    assertThat(problems.get(2)).contains("caller=1").contains("1 parameters");
    assertThat(problems.get(3)).contains("a grant takes no kind");
    assertThat(problems.get(4)).contains("unknown setting 'colour'");
    assertThat(problems.get(5)).contains("extension namespace 'caller.x'");
    assertThat(problems.get(6)).contains("expected com.acme.Class#method(settings)");
    assertThat(problems.get(7)).contains("'x' is not an argument position");
  }

  @Test
  void agentArgumentsKeepCommasInsideAnEntry() {
    ConfigReader reader = new ConfigReader(
        "events.stdout=true,instrument=com.acme.S#d(kind=other,service=s,caller=0);com.acme.P#p(grant),debug=true",
        java.util.Map.of(), java.util.Map.of(), problems::add);
    AgentConfig config = reader.read();
    assertThat(problems).isEmpty();
    assertThat(config.eventsStdout()).isTrue();
    assertThat(config.debug()).isTrue();
    assertThat(config.instrumented().size()).isEqualTo(2);
    assertThat(config.instrumented().find("com.acme.S", "d", 1, MethodSpec.Role.ADMISSION)).isNotNull();
    assertThat(config.instrumented().find("com.acme.P", "p", 0, MethodSpec.Role.GRANT)).isNotNull();
    assertThat(config.instrumented().find("com.acme.P", "p", 0, MethodSpec.Role.ADMISSION)).isNull();
  }

  @Test
  void anUnreadableConfigFileIsOneLine() {
    new ConfigReader(null, java.util.Map.of("envelope.config", "/nonexistent/envelope.conf"),
        java.util.Map.of(), problems::add).read();
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).startsWith("system property envelope.config='/nonexistent/envelope.conf' cannot be read");
  }
}
