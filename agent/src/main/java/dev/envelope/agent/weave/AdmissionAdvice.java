package dev.envelope.agent.weave;

import dev.envelope.agent.bootstrap.EnvelopeBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined around every {@code @ExecutionAdmission} method. Stateless, JDK types only, and it never
 * throws: both ends suppress everything, and the application's own return value and exception pass
 * through untouched ({@code readOnly} return).
 *
 * <p>One opt-in exception: in strict audit mode ({@code envelope.events.strict=true}) an admission
 * whose record could not be written gets a {@code Throwable} back as its token; the method body is
 * skipped and that throwable is what the caller sees.
 */
public final class AdmissionAdvice {
  private AdmissionAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Throwable.class)
  public static Object enter(
      @Advice.Origin Class<?> type,
      @Advice.Origin("#m#d") String method,
      @Advice.AllArguments Object[] args) {
    return EnvelopeBridge.admissionEnter(type, method, args);
  }

  @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
  public static void exit(
      @Advice.Enter Object token,
      @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object returned,
      @Advice.Thrown(readOnly = false) Throwable thrown) {
    if (token instanceof Throwable) {
      thrown = (Throwable) token;
    } else {
      EnvelopeBridge.admissionExit(token, returned, thrown);
    }
  }
}
