package dev.envelope.agent.schema;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import dev.envelope.agent.json.JsonValues;

/** The 2020-12 keywords {@link SchemaValidator} implements, each as a compiled check. */
final class Keywords {
  static final Keyword NOTHING = (instance, path, problems) -> {};

  private Keywords() {}

  static Keyword type(List<String> names, String at) throws SchemaException {
    for (String n : names) {
      if (!List.of("null", "boolean", "object", "array", "number", "integer", "string")
          .contains(n)) {
        throw new SchemaException("unknown type '" + n + "' at " + at);
      }
    }
    return (instance, path, problems) -> {
      String actual = JsonValues.typeOf(instance);
      for (String n : names) {
        if (n.equals(actual) || (n.equals("number") && actual.equals("integer"))
            || (n.equals("integer") && JsonValues.isIntegral(instance))) {
          return;
        }
      }
      problems.add(path + ": " + actual + " found, "
          + (names.size() == 1 ? names.get(0) : String.join(" or ", names)) + " expected");
    };
  }

  static Keyword oneOfValues(List<?> allowed) {
    return (instance, path, problems) -> {
      for (Object a : allowed) {
        if (JsonValues.same(a, instance)) {
          return;
        }
      }
      problems.add(path + ": " + JsonValues.brief(instance) + " is not one of "
          + JsonValues.brief(allowed));
    };
  }

  static Keyword constant(Object expected) {
    return (instance, path, problems) -> {
      if (!JsonValues.same(expected, instance)) {
        problems.add(path + ": must be " + JsonValues.brief(expected) + ", found "
            + JsonValues.brief(instance));
      }
    };
  }

  static Keyword pattern(String regex, String at) throws SchemaException {
    Pattern p;
    try {
      p = Pattern.compile(ecmaEnd(regex));
    } catch (PatternSyntaxException e) {
      throw new SchemaException("invalid pattern at " + at + ": " + e.getDescription());
    }
    return (instance, path, problems) -> {
      if (instance instanceof String && !p.matcher((String) instance).find()) {
        problems.add(path + ": " + JsonValues.brief(instance) + " does not match " + regex);
      }
    };
  }

  /**
   * ECMA-262's {@code $} (no multiline flag) matches only at the end of the input; Java's also
   * matches before a final line terminator, so {@code ^[0-9a-f]{32}$} would accept an id followed
   * by a newline. Each {@code $} outside a character class becomes {@code \z}.
   */
  static String ecmaEnd(String regex) {
    StringBuilder b = new StringBuilder(regex.length() + 4);
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        b.append(c).append(regex.charAt(++i));
        continue;
      }
      if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '$') {
        b.append("\\z");
        continue;
      }
      b.append(c);
    }
    return b.toString();
  }

  static Keyword minLength(int min) {
    return (instance, path, problems) -> {
      if (instance instanceof String) {
        String s = (String) instance;
        if (s.length() < min || s.codePointCount(0, s.length()) < min) {
          problems.add(path + ": shorter than " + min + " character" + (min == 1 ? "" : "s"));
        }
      }
    };
  }

  static Keyword maxProperties(int max) {
    return (instance, path, problems) -> {
      if (instance instanceof Map && ((Map<?, ?>) instance).size() > max) {
        problems.add(path + ": " + ((Map<?, ?>) instance).size() + " properties, at most " + max
            + " allowed");
      }
    };
  }

  static Keyword minimum(Number min) {
    BigDecimal bound = JsonValues.decimal(min);
    return (instance, path, problems) -> {
      if (instance instanceof Number
          && JsonValues.decimal((Number) instance).compareTo(bound) < 0) {
        problems.add(path + ": " + instance + " is less than the minimum " + min);
      }
    };
  }

  static Keyword required(List<String> names) {
    return (instance, path, problems) -> {
      if (instance instanceof Map) {
        Map<?, ?> map = (Map<?, ?>) instance;
        for (String n : names) {
          if (!map.containsKey(n)) {
            problems.add(path + ": required property '" + n + "' is missing");
          }
        }
      }
    };
  }

  static Keyword properties(Map<String, Validator> subs) {
    return (instance, path, problems) -> {
      if (instance instanceof Map) {
        for (Map.Entry<?, ?> e : ((Map<?, ?>) instance).entrySet()) {
          Validator v = subs.get(e.getKey());
          if (v != null) {
            v.check(e.getValue(), child(path, (String) e.getKey()), problems);
          }
        }
      }
    };
  }

  static Keyword additionalProperties(Validator sub, Collection<?> declared) {
    return (instance, path, problems) -> {
      if (instance instanceof Map) {
        for (Map.Entry<?, ?> e : ((Map<?, ?>) instance).entrySet()) {
          if (!declared.contains(e.getKey())) {
            sub.check(e.getValue(), child(path, (String) e.getKey()), problems);
          }
        }
      }
    };
  }

  static Keyword propertyNames(Validator sub) {
    return (instance, path, problems) -> {
      if (instance instanceof Map) {
        for (Object name : ((Map<?, ?>) instance).keySet()) {
          Problems inner = new Problems(1);
          sub.check(name, path, inner);
          if (inner.count > 0) {
            problems.add(path + ": property name " + JsonValues.brief(name) + " is not allowed ("
                + afterPath(inner.list.isEmpty() ? "" : inner.list.get(0), path) + ")");
          }
        }
      }
    };
  }

  static Keyword items(Validator sub) {
    return (instance, path, problems) -> {
      if (instance instanceof List) {
        List<?> list = (List<?>) instance;
        for (int i = 0; i < list.size(); i++) {
          sub.check(list.get(i), path + "[" + i + "]", problems);
        }
      }
    };
  }

  static Keyword allOf(List<Validator> subs) {
    return (instance, path, problems) -> {
      for (Validator v : subs) {
        v.check(instance, path, problems);
      }
    };
  }

  static Keyword oneOf(List<Validator> subs) {
    return (instance, path, problems) -> {
      int matched = 0;
      List<String> why = new ArrayList<>();
      for (Validator v : subs) {
        Problems inner = new Problems(1);
        v.check(instance, path, inner);
        if (inner.count == 0) {
          matched++;
        } else if (!inner.list.isEmpty()) {
          why.add(afterPath(inner.list.get(0), path));
        }
      }
      if (matched == 0) {
        problems.add(path + ": matches none of the oneOf alternatives (" + String.join("; ", why)
            + ")");
      } else if (matched > 1) {
        problems.add(path + ": matches " + matched + " oneOf alternatives, exactly one expected");
      }
    };
  }

  static Keyword not(Validator sub) {
    return (instance, path, problems) -> {
      Problems inner = new Problems(0);
      sub.check(instance, path, inner);
      if (inner.count == 0) {
        problems.add(path + ": " + JsonValues.brief(instance) + " matches a schema it must not");
      }
    };
  }

  static Keyword conditional(Validator condition, Validator then, Validator otherwise) {
    return (instance, path, problems) -> {
      Problems inner = new Problems(0);
      condition.check(instance, path, inner);
      Validator branch = inner.count == 0 ? then : otherwise;
      if (branch != null) {
        branch.check(instance, path, problems);
      }
    };
  }

  /** The path of a member, in the {@code $.a.b} / {@code $['odd name']} notation. */
  static String child(String path, String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
          || (i > 0 && c >= '0' && c <= '9'))) {
        return path + "['" + name.replace("\\", "\\\\").replace("'", "\\'") + "']";
      }
    }
    return name.isEmpty() ? path + "['']" : path + "." + name;
  }

  private static String afterPath(String problem, String path) {
    return problem.startsWith(path + ": ") ? problem.substring(path.length() + 2) : problem;
  }
}
