package dev.envelope.it.targets;

import dev.envelope.annotations.ExecutionAdmission;
import dev.envelope.annotations.ExecutionKind;
import dev.envelope.annotations.Requested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A host application with its own SLF4J + Logback and its own logback.xml on the class path. */
public final class HostLoggingMain {
  private static final Logger LOG = LoggerFactory.getLogger(HostLoggingMain.class);

  private HostLoggingMain() {}

  @ExecutionAdmission(kind = ExecutionKind.OTHER, service = "host", operation = "log_work")
  static int work(@Requested("n") int n) {
    LOG.info("working on {}", n);
    LOG.debug("debug detail {}", n);
    LoggerFactory.getLogger("host.audit").warn("audit line {}", n);
    return n * n;
  }

  public static void main(String[] args) {
    LOG.info("host starting");
    int sum = 0;
    for (int i = 1; i <= 3; i++) {
      sum += work(i);
    }
    LOG.trace("trace is off in the host's configuration");
    LOG.info("host done, sum {}", sum);
    LoggerFactory.getLogger("org.example.noisy").info("a logger the host turned off");
  }
}
