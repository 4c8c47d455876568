package dev.envelope.agent.schema;

import dev.envelope.agent.json.JsonReader;
import dev.envelope.agent.json.JsonSyntaxException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates JSON values (as {@link JsonReader} reads them) against JSON Schema documents of draft
 * 2020-12.
 *
 * <p>It implements the keywords the project's published schemas use and refuses, when the schemas
 * are loaded, any keyword it does not implement: a schema that grows a new keyword fails loudly
 * here instead of being checked less than it says. The agent's tests hold it to the same verdicts
 * as a full 2020-12 implementation on valid and broken lines. A general validator library with
 * its JSON library would more than double the {@code validate} command's share of the agent jar.
 * {@code format} is an annotation, as 2020-12 defines it by default.
 */
public final class SchemaValidator {
  /** Where the published schemas sit inside the agent jar. */
  public static final String RESOURCE_DIR = "dev/envelope/agent/schema/";
  public static final String ENVELOPE_SCHEMA = "envelope.schema.json";
  public static final String EVENT_SCHEMA = "envelope-event.schema.json";

  private static final Set<String> IGNORED = new HashSet<>(Arrays.asList("$schema", "$comment",
      "title", "description", "format", "$defs", "examples", "default", "deprecated", "readOnly",
      "writeOnly"));

  private final Map<String, Object> documents = new HashMap<>();
  private final Map<String, Schema> compiled = new HashMap<>();
  private final List<Schema> all = new ArrayList<>();
  private final Schema root;

  private SchemaValidator(List<Object> documents, String rootId) throws SchemaException {
    for (Object document : documents) {
      if (!(document instanceof Map) || !(((Map<?, ?>) document).get("$id") instanceof String)) {
        throw new SchemaException("a schema document without a string $id");
      }
      this.documents.put(withoutFragment((String) ((Map<?, ?>) document).get("$id")), document);
    }
    root = resolve(URI.create(rootId));
    // Compile every reachable schema now, so that an unsupported keyword is found at load time;
    // resolving adds to the list as it goes.
    for (int i = 0; i < all.size(); i++) {
      all.get(i).resolveRefs();
    }
  }

  /** The validator of one event line, from the schemas shipped in the agent jar. */
  public static SchemaValidator forEventLines() throws SchemaException {
    List<Object> docs = new ArrayList<>();
    docs.add(readResource(EVENT_SCHEMA));
    docs.add(readResource(ENVELOPE_SCHEMA));
    return new SchemaValidator(docs, (String) ((Map<?, ?>) docs.get(0)).get("$id"));
  }

  /** A validator of the document with {@code $id} {@code rootId}, references among {@code docs}. */
  public static SchemaValidator of(List<Object> docs, String rootId) throws SchemaException {
    return new SchemaValidator(docs, rootId);
  }

  /** Up to {@code limit} problems of {@code instance}, empty when it is valid. */
  public List<String> validate(Object instance, int limit) {
    Problems problems = new Problems(limit);
    root.check(instance, "$", problems);
    return problems.list;
  }

  public boolean isValid(Object instance) {
    Problems problems = new Problems(0);
    root.check(instance, "$", problems);
    return problems.count == 0;
  }

  private static Object readResource(String name) throws SchemaException {
    ClassLoader loader = SchemaValidator.class.getClassLoader();
    try (InputStream in = loader == null
        ? ClassLoader.getSystemResourceAsStream(RESOURCE_DIR + name)
        : loader.getResourceAsStream(RESOURCE_DIR + name)) {
      if (in == null) {
        throw new SchemaException("the schema " + name + " is missing from the agent jar");
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return JsonReader.parse(out.toString(StandardCharsets.UTF_8.name()));
    } catch (IOException | JsonSyntaxException e) {
      throw new SchemaException("cannot read the schema " + name + ": " + e.getMessage());
    }
  }

  private Schema resolve(URI ref) throws SchemaException {
    String key = ref.toString();
    Schema schema = compiled.get(key);
    if (schema != null) {
      return schema;
    }
    String documentId = withoutFragment(key);
    Object document = documents.get(documentId);
    if (document == null) {
      throw new SchemaException("$ref to an unknown schema document: " + key);
    }
    String fragment = ref.getFragment();
    Object target = fragment == null || fragment.isEmpty() ? document
        : pointer(document, fragment, key);
    schema = new Schema(key, URI.create(documentId));
    compiled.put(key, schema);
    schema.compile(target);
    return schema;
  }

  private static Object pointer(Object document, String fragment, String ref)
      throws SchemaException {
    if (!fragment.startsWith("/")) {
      throw new SchemaException("only JSON Pointer fragments are supported: " + ref);
    }
    Object at = document;
    for (String token : fragment.substring(1).split("/", -1)) {
      String name = token.replace("~1", "/").replace("~0", "~");
      if (at instanceof Map && ((Map<?, ?>) at).containsKey(name)) {
        at = ((Map<?, ?>) at).get(name);
      } else if (at instanceof List && name.matches("\\d+")
          && Integer.parseInt(name) < ((List<?>) at).size()) {
        at = ((List<?>) at).get(Integer.parseInt(name));
      } else {
        throw new SchemaException("$ref points at nothing: " + ref);
      }
    }
    return at;
  }

  private static String withoutFragment(String uri) {
    int hash = uri.indexOf('#');
    return hash < 0 ? uri : uri.substring(0, hash);
  }

  /** One schema (a boolean or an object), compiled into its keyword checks. */
  private final class Schema {
    final String location;
    final URI base;
    final List<Keyword> keywords = new ArrayList<>();
    Boolean constant;
    private final List<Ref> refs = new ArrayList<>();

    Schema(String location, URI base) {
      this.location = location;
      this.base = base;
      all.add(this);
    }

    void compile(Object node) throws SchemaException {
      if (node instanceof Boolean) {
        constant = (Boolean) node;
        return;
      }
      if (!(node instanceof Map)) {
        throw new SchemaException("not a schema at " + location);
      }
      Map<?, ?> map = (Map<?, ?>) node;
      if (map.containsKey("$id") && !location.equals(withoutFragment(location))) {
        throw new SchemaException("embedded $id is not supported at " + location);
      }
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String name = (String) e.getKey();
        if (IGNORED.contains(name) || name.equals("$id")) {
          continue;
        }
        keywords.add(keyword(name, e.getValue(), map));
      }
    }

    private Keyword keyword(String name, Object value, Map<?, ?> schema) throws SchemaException {
      String at = location + " " + name;
      switch (name) {
        case "$ref":
          Ref ref = new Ref(base.resolve(string(value, at)));
          refs.add(ref);
          return ref;
        case "type":
          return Keywords.type(
              value instanceof List ? strings(value, at) : List.of(string(value, at)), at);
        case "enum":
          if (!(value instanceof List)) {
            throw new SchemaException("enum must be an array at " + at);
          }
          return Keywords.oneOfValues((List<?>) value);
        case "const":
          return Keywords.constant(value);
        case "pattern":
          return Keywords.pattern(string(value, at), at);
        case "minLength":
          return Keywords.minLength(count(value, at));
        case "maxProperties":
          return Keywords.maxProperties(count(value, at));
        case "minimum":
          if (!(value instanceof Number)) {
            throw new SchemaException("minimum must be a number at " + at);
          }
          return Keywords.minimum((Number) value);
        case "required":
          return Keywords.required(strings(value, at));
        case "properties":
          return properties(value, at);
        case "additionalProperties":
          return Keywords.additionalProperties(sub(value, "additionalProperties"),
              schema.get("properties") instanceof Map
                  ? ((Map<?, ?>) schema.get("properties")).keySet() : Set.of());
        case "propertyNames":
          return Keywords.propertyNames(sub(value, "propertyNames"));
        case "items":
          return Keywords.items(sub(value, "items"));
        case "allOf":
          return Keywords.allOf(subs(value, "allOf", at));
        case "oneOf":
          return Keywords.oneOf(subs(value, "oneOf", at));
        case "not":
          return Keywords.not(sub(value, "not"));
        case "if":
          return Keywords.conditional(sub(value, "if"),
              schema.containsKey("then") ? sub(schema.get("then"), "then") : null,
              schema.containsKey("else") ? sub(schema.get("else"), "else") : null);
        case "then":
        case "else":
          // Applied by "if"; without an "if" they do nothing (2020-12, 10.2.2).
          return Keywords.NOTHING;
        default:
          throw new SchemaException("unsupported keyword '" + name + "' at " + location);
      }
    }

    private Keyword properties(Object value, String at) throws SchemaException {
      if (!(value instanceof Map)) {
        throw new SchemaException("properties must be an object at " + at);
      }
      Map<String, Validator> subs = new HashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        subs.put((String) e.getKey(), sub(e.getValue(), "properties/" + e.getKey()));
      }
      return Keywords.properties(subs);
    }

    private Validator sub(Object node, String path) throws SchemaException {
      Schema s = new Schema(location + (location.contains("#") ? "/" : "#/") + path, base);
      s.compile(node);
      return s::check;
    }

    private List<Validator> subs(Object value, String name, String at) throws SchemaException {
      if (!(value instanceof List) || ((List<?>) value).isEmpty()) {
        throw new SchemaException(name + " must be a non-empty array at " + at);
      }
      List<Validator> out = new ArrayList<>();
      List<?> list = (List<?>) value;
      for (int i = 0; i < list.size(); i++) {
        out.add(sub(list.get(i), name + "/" + i));
      }
      return out;
    }

    /** Compiles the targets of this schema's references (which may compile more schemas). */
    void resolveRefs() throws SchemaException {
      for (Ref ref : refs) {
        if (ref.target == null) {
          ref.target = resolve(ref.uri);
        }
      }
    }

    void check(Object instance, String path, Problems problems) {
      if (constant != null) {
        if (!constant) {
          problems.add(path + ": not allowed here");
        }
        return;
      }
      for (Keyword k : keywords) {
        k.check(instance, path, problems);
        if (problems.full()) {
          return;
        }
      }
    }
  }

  /** A {@code $ref}, in place among its sibling keywords as 2020-12 has it. */
  private final class Ref implements Keyword {
    final URI uri;
    Schema target;

    Ref(URI uri) {
      this.uri = uri;
    }

    @Override
    public void check(Object instance, String path, Problems problems) {
      target.check(instance, path, problems);
    }
  }

  private static String string(Object value, String at) throws SchemaException {
    if (!(value instanceof String)) {
      throw new SchemaException("a string is expected at " + at);
    }
    return (String) value;
  }

  private static List<String> strings(Object value, String at) throws SchemaException {
    if (!(value instanceof List)) {
      throw new SchemaException("an array of strings is expected at " + at);
    }
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) value) {
      out.add(string(o, at));
    }
    return out;
  }

  private static int count(Object value, String at) throws SchemaException {
    if (!(value instanceof Long) || (Long) value < 0 || (Long) value > Integer.MAX_VALUE) {
      throw new SchemaException("a non-negative integer is expected at " + at);
    }
    return (int) (long) (Long) value;
  }
}
