package dev.envelope.agent.capture;

import dev.envelope.agent.model.Family;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The families and extensions captured from one admission call. */
public final class CapturedAdmission {
  /** By {@link Family#ordinal()}; {@code null} where no argument fed the family. */
  private final FamilyCapture[] families;
  private final Map<String, FamilyCapture> extensions;
  private final SecretValues secrets;

  CapturedAdmission(FamilyCapture[] families, Map<String, FamilyCapture> extensions,
      SecretValues secrets) {
    this.families = families;
    this.extensions = extensions;
    this.secrets = secrets;
  }

  /**
   * Fingerprints of the secret arguments, for scrubbing this envelope's failure message;
   * {@code null} when it was handed none.
   */
  public SecretValues secrets() {
    return secrets;
  }

  /** The captured family, or {@code null} when no argument fed it. */
  public FamilyCapture family(Family family) {
    return families[family.ordinal()];
  }

  public Map<String, FamilyCapture> extensions() {
    return extensions;
  }

  /** Every redacted key, qualified by family or {@code extensions.<ns>}. */
  public List<String> redacted() {
    List<String> all = null;
    for (FamilyCapture c : families) {
      if (c != null && !c.redacted().isEmpty()) {
        if (all == null) {
          all = new ArrayList<>();
        }
        all.addAll(c.redacted());
      }
    }
    for (Map.Entry<String, FamilyCapture> e : extensions.entrySet()) {
      for (String key : e.getValue().redacted()) {
        if (all == null) {
          all = new ArrayList<>();
        }
        all.add("extensions." + key);
      }
    }
    return all == null ? Collections.<String>emptyList() : all;
  }
}
