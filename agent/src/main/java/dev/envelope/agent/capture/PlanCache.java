package dev.envelope.agent.capture;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Plans per woven method, built on the method's first call and then reused. Keyed by the declaring
 * class (through {@link ClassValue}, so a dropped class loader takes its plans with it) and the
 * method's name and descriptor, which the advice passes as a constant.
 *
 * @param <T> the plan type
 */
public final class PlanCache<T> {
  /** Builds a plan from a method; may throw when the annotations cannot be honoured. */
  public interface Factory<T> {
    T build(Method method) throws Exception;
  }

  private final Factory<T> factory;
  private final BiConsumer<String, Throwable> onUnusable;
  private final ClassValue<ConcurrentHashMap<String, Optional<T>>> byClass =
      new ClassValue<ConcurrentHashMap<String, Optional<T>>>() {
        @Override
        protected ConcurrentHashMap<String, Optional<T>> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>(4);
        }
      };

  /**
   * @param onUnusable told once per method whose plan could not be built (handler, reason)
   */
  public PlanCache(Factory<T> factory, BiConsumer<String, Throwable> onUnusable) {
    this.factory = factory;
    this.onUnusable = onUnusable;
  }

  /** The plan for {@code type}'s method {@code nameAndDescriptor}, or {@code null}. */
  public T get(Class<?> type, String nameAndDescriptor) {
    ConcurrentHashMap<String, Optional<T>> plans = byClass.get(type);
    Optional<T> plan = plans.get(nameAndDescriptor);
    if (plan == null) {
      plan = plans.computeIfAbsent(nameAndDescriptor, k -> build(type, k));
    }
    return plan.orElse(null);
  }

  private Optional<T> build(Class<?> type, String nameAndDescriptor) {
    String handler = type.getName() + "#" + nameAndDescriptor;
    try {
      Method method = Descriptors.find(type, nameAndDescriptor);
      if (method == null) {
        onUnusable.accept(handler, new NoSuchMethodException(nameAndDescriptor));
        return Optional.empty();
      }
      return Optional.of(factory.build(method));
    } catch (Throwable t) {
      onUnusable.accept(handler, t);
      return Optional.empty();
    }
  }
}
