package dev.envelope.agent.capture;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed {@code fields} selection: a tree of snake_case path segments, where a selected leaf may
 * carry a new key ({@code "principal.name->requester_urn"}). {@link #ALL} selects everything.
 */
public final class FieldSelection {
  public static final FieldSelection ALL = new FieldSelection(null, null);

  /** {@code null} means every property below this point. */
  private final Map<String, FieldSelection> children;
  private final String rename;

  private FieldSelection(Map<String, FieldSelection> children, String rename) {
    this.children = children;
    this.rename = rename;
  }

  /**
   * Parses {@code specs}; an empty array selects all. Throws with a one-line reason for a spec that
   * cannot be understood.
   */
  public static FieldSelection parse(String[] specs) {
    if (specs == null || specs.length == 0) {
      return ALL;
    }
    Builder root = new Builder();
    for (String spec : specs) {
      String path = spec;
      String rename = null;
      int arrow = spec.indexOf("->");
      if (arrow >= 0) {
        path = spec.substring(0, arrow).trim();
        rename = spec.substring(arrow + 2).trim();
        if (rename.isEmpty()) {
          throw new IllegalArgumentException("field selection '" + spec + "' renames to nothing");
        }
        rename = KeyNames.snakeCase(rename);
      }
      if (path.trim().isEmpty()) {
        throw new IllegalArgumentException("field selection '" + spec + "' has an empty path");
      }
      Builder node = root;
      for (String segment : path.trim().split("\\.", -1)) {
        if (segment.isEmpty()) {
          throw new IllegalArgumentException("field selection '" + spec + "' has an empty segment");
        }
        node = node.child(KeyNames.snakeCase(segment));
      }
      node.leaf = true;
      node.rename = rename;
    }
    return root.build();
  }

  public boolean selectsAll() {
    return children == null;
  }

  /** The selection below {@code name}, or {@code null} when {@code name} is not selected. */
  FieldSelection child(String name) {
    return children == null ? ALL : children.get(name);
  }

  /** The new key for this selected leaf, or {@code null} to keep its path. */
  String rename() {
    return rename;
  }

  private static final class Builder {
    private final Map<String, Builder> children = new LinkedHashMap<>();
    private boolean leaf;
    private String rename;

    Builder child(String name) {
      return children.computeIfAbsent(name, k -> new Builder());
    }

    FieldSelection build() {
      if (leaf) {
        return new FieldSelection(null, rename);
      }
      Map<String, FieldSelection> built = new LinkedHashMap<>();
      children.forEach((name, child) -> built.put(name, child.build()));
      return new FieldSelection(Collections.unmodifiableMap(built), null);
    }
  }
}
