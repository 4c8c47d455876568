package dev.envelope.agent.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command's arguments: {@code --name value} / {@code --name=value} options, flags, and the
 * files. Each option may be given once; {@code --} ends the options.
 */
final class Arguments {
  final Map<String, String> options = new HashMap<>();
  final List<String> files = new ArrayList<>();
  private final Set<String> flags;

  private Arguments(Set<String> flags) {
    this.flags = flags;
  }

  static Arguments parse(List<String> args, Set<String> valued, Set<String> flags)
      throws UsageException {
    Arguments a = new Arguments(flags);
    boolean optionsEnded = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (optionsEnded || !arg.startsWith("--")) {
        a.files.add(arg);
        continue;
      }
      if (arg.equals("--")) {
        optionsEnded = true;
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      String value;
      if (flags.contains(name)) {
        if (eq >= 0) {
          throw new UsageException(name + " takes no value");
        }
        value = "true";
      } else if (valued.contains(name)) {
        if (eq >= 0) {
          value = arg.substring(eq + 1);
        } else if (i + 1 < args.size()) {
          value = args.get(++i);
        } else {
          throw new UsageException(name + " needs a value");
        }
      } else {
        throw new UsageException("unknown option '" + name + "'");
      }
      if (a.options.put(name, value) != null) {
        throw new UsageException(name + " given more than once");
      }
    }
    return a;
  }

  boolean flag(String name) {
    return flags.contains(name) && options.containsKey(name);
  }

  int count(String name, int fallback, int max) throws UsageException {
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 0 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(name + " '" + v + "' is not a whole number from 0 to " + max);
  }

  /** Every file must be there before a long run starts, not fail half way through it. */
  void checkFiles() throws UsageException {
    if (files.isEmpty()) {
      throw new UsageException("no events file given");
    }
    if (files.indexOf("-") != files.lastIndexOf("-")) {
      // Standard input is read, and closed, the first time: a second '-' would fail after the
      // whole run with "Stream closed".
      throw new UsageException("'-' (standard input) given more than once");
    }
    for (String f : files) {
      if (f.equals("-")) {
        continue;
      }
      Path p = Path.of(f);
      if (Files.isDirectory(p)) {
        throw new UsageException(f + " is a directory; give the events files in it");
      }
      if (!Files.isReadable(p)) {
        throw new UsageException(Files.exists(p) ? f + " cannot be read" : f + " does not exist");
      }
    }
  }
}
