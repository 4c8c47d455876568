package dev.envelope.agent.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.envelope.annotations.Sensitive;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FlattenerTest {
  private final CaptureStats stats = new CaptureStats();
  private Flattener flattener = new Flattener(CaptureLimits.DEFAULTS, Redactor.create(null), stats);

  private FamilyCapture capture(Object value) {
    return capture(value, "", "arg", FieldSelection.ALL, false);
  }

  private FamilyCapture capture(Object value, String prefix, String scalarKey,
      FieldSelection selection, boolean sensitive) {
    FamilyCapture into = flattener.newFamily("caller");
    flattener.capture(value, prefix, scalarKey, selection, sensitive, into);
    return into;
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  private void limits(CaptureLimits limits) {
    flattener = new Flattener(limits, Redactor.create(null), stats);
  }

  // ---- shapes ----

  record Resources(int gpuCount, double memoryGb) {}

  record DeployRequest(String model, Resources resources, List<String> zones) {}

  @Test
  void recordsAreFlattenedInComponentOrderWithNestedKeysJoinedByDots() {
    Map<String, Object> got = capture(new DeployRequest("llama-3", new Resources(4, 16.0),
        List.of("us-west", "us-east"))).fields().asMap();
    assertThat(got).containsExactly(
        Map.entry("model", "llama-3"),
        Map.entry("resources.gpu_count", 4L),
        Map.entry("resources.memory_gb", 16.0),
        Map.entry("zones", List.of("us-west", "us-east")));
  }

  public static class Bean {
    public int gpuCount = 2;
    public static String IGNORED_STATIC = "static";
    private final String hidden = "hidden";

    public String getName() {
      return "n-1";
    }

    public boolean isReady() {
      return true;
    }

    public Boolean isBoxed() {
      return Boolean.FALSE;
    }

    /** Not a property: {@code is} is for booleans only. */
    public int isCount() {
      return 3;
    }

    public String getURL() {
      return "http://x";
    }

    public String getWith(int x) {
      return "with";
    }

    public void getNothing() {}

    public static String getStatic() {
      return "static";
    }

    String getPackagePrivate() {
      return hidden;
    }
  }

  @Test
  void javaBeanGettersAndPublicFieldsAreProperties() {
    Map<String, Object> got = capture(new Bean()).fields().asMap();
    assertThat(got).containsOnly(
        Map.entry("name", "n-1"),
        Map.entry("ready", true),
        Map.entry("boxed", false),
        Map.entry("url", "http://x"),
        Map.entry("gpu_count", 2L));
  }

  @Test
  void aSubclassInheritsItsParentsProperties() {
    class Sub extends Bean {
      public String getExtra() {
        return "e";
      }
    }
    assertThat(capture(new Sub()).fields().asMap()).containsEntry("extra", "e")
        .containsEntry("name", "n-1").containsEntry("gpu_count", 2L);
  }

  @Test
  void mapEntriesAreFlattenedWithSnakeCaseKeys() {
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put("gpuCount", 4);
    m.put("X-Tenant", "acme");
    m.put("timeoutS", 30);
    m.put(TimeUnit.SECONDS, "enum key");
    m.put(42, "non-string key is skipped");
    m.put("nested", map("memoryGb", 16));
    m.put("nothing", null);
    assertThat(capture(m).fields().asMap()).containsExactly(
        Map.entry("gpu_count", 4L),
        Map.entry("x_tenant", "acme"),
        Map.entry("timeout_s", 30L),
        Map.entry("seconds", "enum key"),
        Map.entry("nested.memory_gb", 16L));
    assertThat(stats.nonScalarSkipped()).isEqualTo(1);
  }

  enum Engine {
    VLLM,
    TGI {
      @Override
      public String toString() {
        throw new AssertionError("toString of an enum constant must not be called");
      }
    }
  }

  @Test
  void scalarsAreNormalizedToStringLongDoubleBoolean() {
    UUID uuid = UUID.fromString("0193f0c2-7a51-7c3e-9f4e-2b1d0c8e5a11");
    Map<String, Object> in = map(
        "int", 4, "short", (short) 3, "byte", (byte) 2, "long", 5L,
        "float", 0.5f, "double", 0.25,
        "bd_int", new BigDecimal("4"), "bd_trailing", new BigDecimal("4.00"),
        "bd_frac", new BigDecimal("0.5"), "bd_zero", new BigDecimal("0.000"),
        "bi", BigInteger.valueOf(7), "bi_huge", BigInteger.TEN.pow(30),
        "atomic", new AtomicInteger(9),
        "char", 'x', "bool", true,
        "enum", Engine.VLLM, "enum_with_body", Engine.TGI,
        "uuid", uuid,
        "instant", Instant.parse("2026-11-27T20:11:52.123456Z"),
        "date", LocalDate.of(2026, 1, 2),
        "duration", Duration.ofSeconds(90),
        "optional", Optional.of("present"), "empty_optional", Optional.empty());
    Map<String, Object> got = capture(in).fields().asMap();
    assertThat(got).containsExactly(
        Map.entry("int", 4L), Map.entry("short", 3L), Map.entry("byte", 2L), Map.entry("long", 5L),
        Map.entry("float", 0.5), Map.entry("double", 0.25),
        Map.entry("bd_int", 4L), Map.entry("bd_trailing", 4L),
        Map.entry("bd_frac", 0.5), Map.entry("bd_zero", 0L),
        Map.entry("bi", 7L), Map.entry("bi_huge", "1000000000000000000000000000000"),
        Map.entry("atomic", 9L),
        Map.entry("char", "x"), Map.entry("bool", true),
        Map.entry("enum", "VLLM"), Map.entry("enum_with_body", "TGI"),
        Map.entry("uuid", "0193f0c2-7a51-7c3e-9f4e-2b1d0c8e5a11"),
        Map.entry("instant", "2026-11-27T20:11:52.123456Z"),
        Map.entry("date", "2026-01-02"),
        Map.entry("duration", "PT1M30S"),
        Map.entry("optional", "present"));
    assertThat(got.get("int")).isInstanceOf(Long.class);
    assertThat(got.get("float")).isInstanceOf(Double.class);
  }

  @Test
  void aScalarArgumentUsesItsPrefixElseItsScalarKey() {
    assertThat(capture("ws-7", "workspace_id", "workspace", FieldSelection.ALL, false)
        .fields().asMap()).containsExactly(Map.entry("workspace_id", "ws-7"));
    assertThat(capture("ws-7", "", "workspace", FieldSelection.ALL, false).fields().asMap())
        .containsExactly(Map.entry("workspace", "ws-7"));
    assertThat(capture(7, "", "count", FieldSelection.ALL, false).fields().asMap())
        .containsExactly(Map.entry("count", 7L));
    assertThat(capture(null).isEmpty()).isTrue();
  }

  @Test
  void anObjectArgumentWithAPrefixGetsPrefixedKeys() {
    Map<String, Object> got = capture(new DeployRequest("m", new Resources(1, 2.0), List.of()),
        "req", "body", FieldSelection.ALL, false).fields().asMap();
    assertThat(got).containsExactly(
        Map.entry("req.model", "m"),
        Map.entry("req.resources.gpu_count", 1L),
        Map.entry("req.resources.memory_gb", 2.0),
        Map.entry("req.zones", List.of()));
  }

  // ---- arrays and collections ----

  @Test
  void arraysAndCollectionsOfScalarsBecomeTypedLists() {
    Map<String, Object> in = map(
        "ints", new int[] {1, 2, 3},
        "strings", new String[] {"a", "b"},
        "chars", new char[] {'x', 'y'},
        "doubles", new double[] {0.5},
        "set", new LinkedHashSet<>(List.of("s1", "s2")),
        "with_nulls", Arrays.asList("a", null, "b"),
        "mixed", List.of(1, "a", true),
        "empty", List.of());
    assertThat(capture(in).fields().asMap()).containsExactly(
        Map.entry("ints", List.of(1L, 2L, 3L)),
        Map.entry("strings", List.of("a", "b")),
        Map.entry("chars", List.of("x", "y")),
        Map.entry("doubles", List.of(0.5)),
        Map.entry("set", List.of("s1", "s2")),
        Map.entry("with_nulls", List.of("a", "b")),
        Map.entry("mixed", List.of("1", "a", "true")),
        Map.entry("empty", List.of()));
  }

  @Test
  void onlyTheFirst32ElementsAreKeptUnlessConfiguredOtherwise() {
    List<Integer> forty = IntStream.range(0, 40).boxed().collect(Collectors.toList());
    int[] fortyInts = IntStream.range(0, 40).toArray();
    Map<String, Object> got = capture(map("list", forty, "array", fortyInts)).fields().asMap();
    List<Long> first32 = IntStream.range(0, 32).mapToObj(i -> (long) i).collect(Collectors.toList());
    assertThat(got.get("list")).isEqualTo(first32);
    assertThat(got.get("array")).isEqualTo(first32);

    limits(new CaptureLimits(64, 256, 3, 5));
    Map<String, Object> five = capture(map("list", forty, "array", fortyInts)).fields().asMap();
    assertThat(five.get("list")).isEqualTo(List.of(0L, 1L, 2L, 3L, 4L));
    assertThat(five.get("array")).isEqualTo(List.of(0L, 1L, 2L, 3L, 4L));
  }

  @Test
  void collectionsOfObjectsAreSkipped() {
    Map<String, Object> in = map(
        "objects", List.of(new Resources(1, 1.0)),
        "object_array", new Resources[] {new Resources(1, 1.0)},
        "lists", List.of(List.of("a")),
        "kept", "yes");
    assertThat(capture(in).fields().asMap()).containsExactly(Map.entry("kept", "yes"));
    assertThat(stats.nonScalarSkipped()).isEqualTo(3);
  }

  @Test
  void aCollectionArgumentOfObjectsIsSkippedButOneOfScalarsIsKept() {
    assertThat(capture(List.of(new Resources(1, 1.0))).isEmpty()).isTrue();
    assertThat(capture(List.of("a", "b"), "", "tags", FieldSelection.ALL, false).fields().asMap())
        .containsExactly(Map.entry("tags", List.of("a", "b")));
  }

  // ---- limits ----

  @Test
  void objectsAreFollowedToDepthThree() {
    Map<String, Object> deep = map("a", 1, "b",
        map("a", 2, "b", map("a", 3, "b", map("a", 4, "b", map("a", 5)))));
    assertThat(capture(deep).fields().asMap()).containsExactly(
        Map.entry("a", 1L), Map.entry("b.a", 2L), Map.entry("b.b.a", 3L));
    assertThat(stats.depthLimited()).isEqualTo(1);

    limits(new CaptureLimits(64, 256, 1, 32));
    assertThat(capture(deep).fields().asMap()).containsExactly(Map.entry("a", 1L));
  }

  @Test
  void aFamilyHoldsAtMostMaxKeys() {
    Map<String, Object> hundred = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      hundred.put("k" + i, i);
    }
    FamilyCapture c = capture(hundred);
    assertThat(c.fields().size()).isEqualTo(64);
    assertThat(c.fields().asMap()).containsKey("k0").containsKey("k63").doesNotContainKey("k64");
    assertThat(stats.keysDropped()).isPositive();

    limits(new CaptureLimits(5, 256, 3, 32));
    FamilyCapture shared = flattener.newFamily("requested");
    flattener.capture(hundred, "", "a", FieldSelection.ALL, false, shared);
    flattener.capture("late", "late_key", "b", FieldSelection.ALL, false, shared);
    assertThat(shared.fields().asMap()).hasSize(5).doesNotContainKey("late_key");
  }

  @Test
  void stringsAreCutToTheMaximumLengthWithoutSplittingASurrogatePair() {
    limits(new CaptureLimits(64, 10, 3, 32));
    String emoji = "\uD83D\uDE00";
    Map<String, Object> got = capture(map(
        "plain", "abcdefghijKLMNOP",
        "pair_at_cut", "123456789" + emoji + "xyz",
        "pair_before_cut", "12345678" + emoji + "xyz",
        "short", "abc",
        "in_list", List.of("abcdefghijKLMNOP"))).fields().asMap();
    assertThat(got).containsEntry("plain", "abcdefghij")
        .containsEntry("pair_at_cut", "123456789")
        .containsEntry("pair_before_cut", "12345678" + emoji)
        .containsEntry("short", "abc")
        .containsEntry("in_list", List.of("abcdefghij"));
    assertThat(CaptureLimits.DEFAULTS.maxStringLength()).isEqualTo(256);
    limits(CaptureLimits.DEFAULTS);
    assertThat(capture("x".repeat(300), "", "s", FieldSelection.ALL, false).fields().get("s"))
        .isEqualTo("x".repeat(256));
  }

  @Test
  void limitsMustBePositive() {
    assertThatCode(() -> new CaptureLimits(1, 1, 1, 1)).doesNotThrowAnyException();
    for (int[] bad : new int[][] {{0, 1, 1, 1}, {1, 0, 1, 1}, {1, 1, -1, 1}, {1, 1, 1, 0}}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> new CaptureLimits(bad[0], bad[1], bad[2], bad[3]))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be at least 1");
    }
  }

  @Test
  void limitsHaveAMost() {
    assertThatCode(() -> new CaptureLimits(CaptureLimits.MOST_KEYS, CaptureLimits.MOST_STRING_LENGTH,
        CaptureLimits.MOST_DEPTH, CaptureLimits.MOST_COLLECTION_SIZE)).doesNotThrowAnyException();
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> new CaptureLimits(64, 256, Integer.MAX_VALUE, 32))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be at most 64");
  }

  // ---- selection ----

  record Principal(String name, String email) {}

  public static final class Ctx {
    final AtomicInteger sessionReads = new AtomicInteger();

    public Principal getPrincipal() {
      return new Principal("urn:user:alice", "alice@example.com");
    }

    public String getTenantId() {
      return "acme";
    }

    public String getRequestId() {
      sessionReads.incrementAndGet();
      return "req-42";
    }
  }

  @Test
  void fieldsSelectAndRename() {
    Ctx ctx = new Ctx();
    FieldSelection sel = FieldSelection.parse(
        new String[] {"principal.name->requester_urn", "tenantId"});
    assertThat(capture(ctx, "", "ctx", sel, false).fields().asMap()).containsOnly(
        Map.entry("requester_urn", "urn:user:alice"), Map.entry("tenant_id", "acme"));
    assertThat(ctx.sessionReads).as("an unselected getter is never called").hasValue(0);

    FieldSelection gpuOnly = FieldSelection.parse(new String[] {"resources.gpuCount"});
    assertThat(capture(new DeployRequest("m", new Resources(4, 1.0), List.of()), "", "r",
        gpuOnly, false).fields().asMap()).containsExactly(Map.entry("resources.gpu_count", 4L));
  }

  @Test
  void aRenameKeepsTheArgumentPrefix() {
    FieldSelection sel = FieldSelection.parse(new String[] {"principal.name->requester_urn"});
    assertThat(capture(new Ctx(), "who", "ctx", sel, false).fields().asMap())
        .containsExactly(Map.entry("who.requester_urn", "urn:user:alice"));
  }

  @Test
  void aSelectionAppliesToMapsToo() {
    FieldSelection sel = FieldSelection.parse(new String[] {"gpuCount", "labels.team->owner"});
    Map<String, Object> in = map("gpuCount", 2, "engine", "vllm",
        "labels", map("team", "ml", "cost", "c1"));
    assertThat(capture(in, "", "body", sel, false).fields().asMap()).containsOnly(
        Map.entry("gpu_count", 2L), Map.entry("owner", "ml"));
  }

  // ---- redaction ----

  @Test
  void aSensitiveParameterIsRedactedWhateverItIs() {
    FamilyCapture scalar = capture("s3cr3t", "", "pin", FieldSelection.ALL, true);
    assertThat(scalar.fields().asMap()).containsExactly(Map.entry("pin", Redactor.REDACTED));
    assertThat(scalar.redacted()).containsExactly("caller.pin");

    Account account = new Account();
    FamilyCapture object = capture(account, "account", "acc", FieldSelection.ALL, true);
    assertThat(object.fields().asMap()).containsExactly(Map.entry("account", "[REDACTED]"));
    assertThat(account.reads).hasValue(0);
  }

  public static class Account {
    final AtomicInteger reads = new AtomicInteger();
    @Sensitive private String pin = "1234";

    public String getPin() {
      reads.incrementAndGet();
      return pin;
    }

    @Sensitive
    public String getOtp() {
      reads.incrementAndGet();
      return "999999";
    }

    public String getUser() {
      return "bob";
    }
  }

  public static class SubAccount extends Account {
    public String getBranch() {
      return "b-1";
    }
  }

  @Test
  void sensitiveFieldsAndGettersAreRedactedWithoutBeingRead() {
    Account account = new Account();
    FamilyCapture c = capture(account);
    assertThat(c.fields().asMap()).containsOnly(
        Map.entry("otp", "[REDACTED]"), Map.entry("pin", "[REDACTED]"), Map.entry("user", "bob"));
    assertThat(c.redacted()).containsExactlyInAnyOrder("caller.otp", "caller.pin");
    assertThat(account.reads).as("a redacted getter is never invoked").hasValue(0);

    SubAccount sub = new SubAccount();
    assertThat(capture(sub).fields().asMap()).containsEntry("pin", "[REDACTED]")
        .containsEntry("branch", "b-1");
    assertThat(sub.reads).hasValue(0);
  }

  record Login(String user, @Sensitive String pin) {}

  record CountedLogin(String user, @Sensitive String pin) {
    static final AtomicInteger PIN_READS = new AtomicInteger();

    @Override
    public String pin() {
      PIN_READS.incrementAndGet();
      return pin;
    }
  }

  @Test
  void aSensitiveRecordComponentIsRedacted() {
    FamilyCapture c = capture(new Login("bob", "1234"));
    assertThat(c.fields().asMap()).containsExactly(
        Map.entry("user", "bob"), Map.entry("pin", "[REDACTED]"));
    assertThat(c.redacted()).containsExactly("caller.pin");

    CountedLogin.PIN_READS.set(0);
    assertThat(capture(new CountedLogin("bob", "1234")).fields().asMap())
        .containsEntry("pin", "[REDACTED]");
    assertThat(CountedLogin.PIN_READS).hasValue(0);
  }

  public static final class Secrets {
    final AtomicInteger secretReads = new AtomicInteger();

    public String getSessionToken() {
      secretReads.incrementAndGet();
      return "tok-1";
    }

    public String getApiKey() {
      secretReads.incrementAndGet();
      return "key-1";
    }

    public String getPassword() {
      secretReads.incrementAndGet();
      return "hunter2";
    }

    public Creds getCredentials() {
      secretReads.incrementAndGet();
      return new Creds("bob");
    }

    public Auth getAuth() {
      return new Auth("bob", "hunter2", secretReads);
    }

    public String getTenantId() {
      return "acme";
    }
  }

  record Creds(String user) {}

  public static final class Auth {
    private final String user;
    private final String password;
    private final AtomicInteger reads;

    Auth(String user, String password, AtomicInteger reads) {
      this.user = user;
      this.password = password;
      this.reads = reads;
    }

    public String getUser() {
      return user;
    }

    public String getPassword() {
      reads.incrementAndGet();
      return password;
    }
  }

  @Test
  void keysMatchingTheDefaultPatternAreRedactedWithoutBeingRead() {
    Secrets secrets = new Secrets();
    FamilyCapture c = capture(secrets);
    assertThat(c.fields().asMap()).containsOnly(
        Map.entry("session_token", "[REDACTED]"),
        Map.entry("api_key", "[REDACTED]"),
        Map.entry("password", "[REDACTED]"),
        Map.entry("credentials", "[REDACTED]"),
        Map.entry("auth.user", "bob"),
        Map.entry("auth.password", "[REDACTED]"),
        Map.entry("tenant_id", "acme"));
    assertThat(c.redacted()).containsExactlyInAnyOrder("caller.session_token", "caller.api_key",
        "caller.password", "caller.credentials", "caller.auth.password");
    assertThat(secrets.secretReads).as("no secret getter is ever invoked").hasValue(0);
  }

  @Test
  void secretMapKeysAndSecretPrefixesAreRedacted() {
    Map<String, Object> headers = map("Authorization", "Bearer abc", "Cookie", "sid=1",
        "X-Request-Id", "req-1", "credentials", map("user", "bob"), "privateKey", "pk");
    FamilyCapture c = capture(headers);
    assertThat(c.fields().asMap()).containsOnly(
        Map.entry("authorization", "[REDACTED]"), Map.entry("cookie", "[REDACTED]"),
        Map.entry("x_request_id", "req-1"), Map.entry("credentials", "[REDACTED]"),
        Map.entry("private_key", "[REDACTED]"));
    assertThat(c.redacted()).contains("caller.authorization", "caller.credentials");

    FamilyCapture prefixed = capture(new Creds("bob"), "credentials", "c", FieldSelection.ALL, false);
    assertThat(prefixed.fields().asMap()).containsExactly(Map.entry("credentials", "[REDACTED]"));
    FamilyCapture scalar = capture("abc", "", "apiKey", FieldSelection.ALL, false);
    assertThat(scalar.fields().asMap()).containsExactly(Map.entry("apiKey", "[REDACTED]"));
  }

  @Test
  void aRenamedKeyThatLooksSecretIsRedacted() {
    FieldSelection sel = FieldSelection.parse(new String[] {"tenantId->session_token"});
    Secrets secrets = new Secrets();
    assertThat(capture(secrets, "", "s", sel, false).fields().asMap())
        .containsExactly(Map.entry("session_token", "[REDACTED]"));
  }

  public static final class Person {
    public String getSsn() {
      return "123-45-6789";
    }

    public String getName() {
      return "bob";
    }

    public String getPassword() {
      return "x";
    }
  }

  @Test
  void extraKeysExtendTheDefaultPattern() {
    flattener = new Flattener(CaptureLimits.DEFAULTS, Redactor.create("ssn"), stats);
    FamilyCapture c = capture(new Person());
    assertThat(c.fields().asMap()).containsOnly(Map.entry("ssn", "[REDACTED]"),
        Map.entry("name", "bob"), Map.entry("password", "[REDACTED]"));
    assertThat(c.redacted()).containsExactlyInAnyOrder("caller.ssn", "caller.password");

    flattener = new Flattener(CaptureLimits.DEFAULTS, Redactor.create(null), stats);
    assertThat(capture(new Person()).fields().get("ssn")).isEqualTo("123-45-6789");
  }

  // ---- never hurt the application ----

  public static final class Flaky {
    public String getName() {
      return "ok";
    }

    public String getBroken() {
      throw new IllegalStateException("getter failed");
    }

    public String getStackOverflow() {
      throw new StackOverflowError();
    }

    public String getZafter() {
      return "still captured";
    }
  }

  @Test
  void aThrowingGetterIsSkippedAndCounted() {
    FamilyCapture c = capture(new Flaky());
    assertThat(c.fields().asMap()).containsOnly(
        Map.entry("name", "ok"), Map.entry("zafter", "still captured"));
    assertThat(stats.readerFailures()).isEqualTo(2);
  }

  @Test
  void aMapThatThrowsIsCountedNotThrown() {
    Map<String, Object> exploding = new AbstractMap<>() {
      @Override
      public Set<Entry<String, Object>> entrySet() {
        throw new UnsupportedOperationException("no iteration");
      }
    };
    assertThatCode(() -> capture(exploding)).doesNotThrowAnyException();
    Map<String, Object> failsMidway = new AbstractMap<>() {
      @Override
      public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
          @Override
          public Iterator<Entry<String, Object>> iterator() {
            Iterator<Entry<String, Object>> first = List.of(Map.entry("a", (Object) "1")).iterator();
            return new Iterator<>() {
              @Override
              public boolean hasNext() {
                return true;
              }

              @Override
              public Entry<String, Object> next() {
                if (first.hasNext()) {
                  return first.next();
                }
                throw new IllegalStateException("concurrent modification");
              }
            };
          }

          @Override
          public int size() {
            return 2;
          }
        };
      }
    };
    assertThat(capture(failsMidway).fields().asMap()).containsExactly(Map.entry("a", "1"));
    assertThat(stats.readerFailures()).isEqualTo(2);
  }

  public static final class Node {
    private final String name;
    Node next;

    Node(String name) {
      this.name = name;
    }

    public String getName() {
      return name;
    }

    public Node getNext() {
      return next;
    }
  }

  @Test
  void aCycleTerminatesAndIsCounted() {
    Node a = new Node("a");
    Node b = new Node("b");
    a.next = b;
    b.next = a;
    assertThat(capture(a).fields().asMap()).containsExactly(
        Map.entry("name", "a"), Map.entry("next.name", "b"));
    assertThat(stats.cyclesSkipped()).isEqualTo(1);
    assertThat(stats.depthLimited()).isZero();

    limits(new CaptureLimits(64, 256, 50, 32));
    Node self = new Node("self");
    self.next = self;
    assertThat(capture(self).fields().asMap()).containsExactly(Map.entry("name", "self"));
    assertThat(stats.cyclesSkipped()).isEqualTo(2);
  }

  public static final class Pair {
    private final Resources shared = new Resources(1, 2.0);

    public Resources getLeft() {
      return shared;
    }

    public Resources getRight() {
      return shared;
    }
  }

  @Test
  void theSameObjectTwiceIsNotACycle() {
    assertThat(capture(new Pair()).fields().asMap()).containsOnlyKeys(
        "left.gpu_count", "left.memory_gb", "right.gpu_count", "right.memory_gb");
    assertThat(stats.cyclesSkipped()).isZero();
  }

  static final AtomicInteger TO_STRING_CALLS = new AtomicInteger();

  public static final class Loud {
    @Override
    public String toString() {
      TO_STRING_CALLS.incrementAndGet();
      throw new AssertionError("toString() must never be called by capture");
    }
  }

  public static final class HoldsLoud {
    public Loud getLoud() {
      return new Loud();
    }

    public List<Object> getMixed() {
      return List.of("a", new Loud());
    }

    public Object[] getArray() {
      return new Object[] {new Loud()};
    }

    public Map<Object, Object> getKeyed() {
      Map<Object, Object> m = new LinkedHashMap<>();
      m.put(new Loud(), "v");
      m.put("k", new Loud());
      return m;
    }

    public Object getJdkObject() {
      return new Object();
    }

    public String getName() {
      return "holder";
    }
  }

  @Test
  void toStringIsNeverCalled() {
    TO_STRING_CALLS.set(0);
    assertThat(capture(new Loud()).isEmpty()).isTrue();
    assertThat(capture(new HoldsLoud()).fields().asMap())
        .containsExactly(Map.entry("name", "holder"));
    assertThat(capture(List.of(new Loud(), new Loud())).isEmpty()).isTrue();
    assertThat(TO_STRING_CALLS).hasValue(0);
  }

  @Test
  void aHugeMapIsCutAtTheKeyLimitWithoutReadingItAll() {
    int size = 1_000_000;
    AtomicInteger pulled = new AtomicInteger();
    Map<String, Object> huge = new AbstractMap<>() {
      @Override
      public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
          @Override
          public Iterator<Entry<String, Object>> iterator() {
            return new Iterator<>() {
              int i;

              @Override
              public boolean hasNext() {
                return i < size;
              }

              @Override
              public Entry<String, Object> next() {
                pulled.incrementAndGet();
                int n = i++;
                return Map.entry("k" + n, (Object) n);
              }
            };
          }

          @Override
          public int size() {
            return size;
          }
        };
      }
    };
    FamilyCapture c = capture(huge);
    assertThat(c.fields().size()).isLessThanOrEqualTo(CaptureLimits.DEFAULTS.maxKeys());
    assertThat(pulled.get()).isLessThanOrEqualTo(CaptureLimits.DEFAULTS.maxKeys() + 1);
  }

  @Test
  void aHugeCollectionIsReadOnlyUpToTheElementLimit() {
    AtomicInteger reads = new AtomicInteger();
    List<String> huge = new AbstractList<>() {
      @Override
      public String get(int index) {
        reads.incrementAndGet();
        return "e" + index;
      }

      @Override
      public int size() {
        return 1_000_000;
      }
    };
    Object got = capture(huge, "", "list", FieldSelection.ALL, false).fields().get("list");
    assertThat((List<?>) got).hasSize(32);
    assertThat(reads.get()).isLessThanOrEqualTo(33);
  }

  @Test
  void aRealMillionEntryMapStaysBounded() {
    Map<String, Integer> real = new java.util.HashMap<>(2_000_000);
    for (int i = 0; i < 1_000_000; i++) {
      real.put("key" + i, i);
    }
    FamilyCapture c = capture(real);
    assertThat(c.fields().size()).isEqualTo(64);
    List<String> noneOver = new ArrayList<>(c.fields().asMap().keySet());
    assertThat(noneOver).allMatch(k -> k.startsWith("key"));
  }

  @Test
  void hugeNumbersAreSkippedQuicklyNeverPrintedInFull() {
    long start = System.nanoTime();
    Map<String, Object> got = capture(map(
        "past_double", new BigDecimal("1E+999999999"),
        "past_double_negative", new BigDecimal("-1.5E+999999999"),
        "huge_integer", BigInteger.ONE.shiftLeft(1 << 22),
        "huge_decimal", new BigDecimal(BigInteger.ONE.shiftLeft(1 << 22), 3),
        "many_zeros", new BigDecimal(BigInteger.TEN.pow(100_000)),
        "min_scale", new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE),
        "too_long_for_a_string", BigInteger.TEN.pow(300),
        "fits", BigInteger.TEN.pow(30),
        "after", "still captured")).fields().asMap();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(got).containsExactly(
        Map.entry("past_double", "1E+999999999"),
        Map.entry("past_double_negative", "-1.5E+999999999"),
        Map.entry("min_scale", "1E+2147483648"),
        Map.entry("fits", "1000000000000000000000000000000"),
        Map.entry("after", "still captured"));
    // Printed in full, 1E+999999999 runs out of memory and 2^4194304 takes seconds.
    assertThat(millis).isLessThan(500);
  }

  /** A number the application made: its methods are its own code. */
  static final class LoudInteger extends BigInteger {
    LoudInteger() {
      super("12345");
    }

    @Override
    public String toString() {
      TO_STRING_CALLS.incrementAndGet();
      throw new IllegalStateException("toString");
    }

    @Override
    public long longValue() {
      throw new IllegalStateException("longValue");
    }
  }

  static final class LoudCounter extends AtomicInteger {
    @Override
    public long longValue() {
      throw new IllegalStateException("longValue");
    }
  }

  @Test
  void numberSubclassesOfTheApplicationAreNotReadAsNumbers() {
    TO_STRING_CALLS.set(0);
    assertThat(capture(map("big", new LoudInteger(), "counter", new LoudCounter(), "after", 1))
        .fields().asMap()).containsEntry("after", 1L).doesNotContainKeys("big", "counter");
    assertThat(TO_STRING_CALLS).hasValue(0);
  }

  @Test
  void aMillionNullsAreNotAllWalked() {
    AtomicInteger reads = new AtomicInteger();
    List<Object> nulls = new AbstractList<>() {
      @Override
      public Object get(int index) {
        reads.incrementAndGet();
        return index == 999_999 ? "last" : null;
      }

      @Override
      public int size() {
        return 1_000_000;
      }
    };
    assertThat(capture(nulls, "", "list", FieldSelection.ALL, false).fields().get("list"))
        .isEqualTo(List.of());
    assertThat(reads.get()).isLessThanOrEqualTo(CaptureLimits.DEFAULTS.maxCollectionSize() * 16);
  }

  @Test
  void capturedFieldsAreSafeForTheModel() {
    // every value is one of the four types the model accepts: building Fields does not throw
    Map<String, Object> in = map("a", new Object[] {1, "x"}, "b", Collections.singleton('c'),
        "c", new long[0], "d", new Bean());
    assertThatCode(() -> capture(in).fields()).doesNotThrowAnyException();
  }
}
