/**
 * Application classes for the in-process weaving test. They live outside {@code dev.envelope.agent}
 * on purpose: the agent never weaves its own packages. {@link
 * dev.envelope.weaving.targets.LateService} and {@link dev.envelope.weaving.targets.DefaultApi} must
 * not be loaded before the agent installs (they prove load-time weaving);
 * {@link dev.envelope.weaving.targets.PreloadedService} is loaded first (it proves retransformation).
 */
package dev.envelope.weaving.targets;
