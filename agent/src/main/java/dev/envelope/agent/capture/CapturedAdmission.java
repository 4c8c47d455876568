package dev.envelope.agent.capture;

import dev.envelope.agent.model.Family;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The families and extensions captured from one admission call. */
public final class CapturedAdmission {
  private final Map<Family, FamilyCapture> families;
  private final Map<String, FamilyCapture> extensions;

  CapturedAdmission(Map<Family, FamilyCapture> families, Map<String, FamilyCapture> extensions) {
    this.families = families;
    this.extensions = extensions;
  }

  /** The captured family, or {@code null} when no argument fed it. */
  public FamilyCapture family(Family family) {
    return families.get(family);
  }

  public Map<String, FamilyCapture> extensions() {
    return extensions;
  }

  /** Every redacted key, qualified by family or {@code extensions.<ns>}. */
  public List<String> redacted() {
    List<String> all = new ArrayList<>();
    for (FamilyCapture c : families.values()) {
      all.addAll(c.redacted());
    }
    for (Map.Entry<String, FamilyCapture> e : extensions.entrySet()) {
      for (String key : e.getValue().redacted()) {
        all.add("extensions." + key);
      }
    }
    return all.isEmpty() ? Collections.emptyList() : all;
  }
}
