package dev.envelope.it.targets;

import dev.envelope.annotations.ExecutionAdmission;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code drop|keep <admissions>}: loads {@code targets.loaded.LoadedService} in two class loaders
 * of its own, runs its admissions and grants through each, lets go of everything (or, with
 * {@code keep}, holds on to the loaders, to show the check can see a leak) and forces collections
 * until both loaders are gone. One loader has the platform loader as parent and its own copy of the
 * annotations jar, as a web application would; the other finds the annotations in the application
 * class path and loads only the service's classes itself, child first.
 */
public final class LoaderLeakMain {
  static final String PACKAGE = "dev.envelope.it.targets.loaded.";
  private static final int MAX_GCS = 10;
  /** What {@code keep} holds on to. */
  private static final List<ClassLoader> KEPT = new ArrayList<>();

  private LoaderLeakMain() {}

  public static void main(String[] args) throws Exception {
    boolean keep = args[0].equals("keep");
    int admissions = Integer.parseInt(args[1]);
    Path classes = copyServiceClasses();
    URL annotationsJar =
        ExecutionAdmission.class.getProtectionDomain().getCodeSource().getLocation();
    List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
    loaders.add(runIn(new URLClassLoader("isolated", new URL[] {classes.toUri().toURL(),
        annotationsJar}, ClassLoader.getPlatformClassLoader()), admissions, keep));
    loaders.add(runIn(new ChildFirst(classes.toUri().toURL()), admissions, keep));
    for (int gcs = 1; gcs <= MAX_GCS; gcs++) {
      collect();
      if (loaders.stream().allMatch(ref -> ref.get() == null)) {
        System.out.println("loaders collected after " + gcs + " GCs");
        return;
      }
    }
    StringBuilder alive = new StringBuilder();
    for (WeakReference<ClassLoader> ref : loaders) {
      ClassLoader loader = ref.get();
      if (loader != null) {
        alive.append(' ').append(loader.getName());
      }
    }
    System.out.println("loaders NOT collected after " + MAX_GCS + " GCs:" + alive);
  }

  /** Runs the service in {@code loader}; returns a weak reference to it, nothing else. */
  private static WeakReference<ClassLoader> runIn(URLClassLoader loader, int admissions,
      boolean keep) throws Exception {
    Class<?> service = Class.forName(PACKAGE + "LoadedService", true, loader);
    if (service.getClassLoader() != loader) {
      throw new IllegalStateException(service + " came from " + service.getClassLoader());
    }
    int visible = (Integer) service.getMethod("run", int.class).invoke(null, admissions);
    System.out.println(loader.getName() + ": " + visible + " of " + admissions
        + " admissions saw their own envelope");
    if (keep) {
      KEPT.add(loader);
    } else {
      loader.close();
    }
    return new WeakReference<>(loader);
  }

  /** A full collection, with some allocation around it so nothing lingers in a TLAB. */
  private static void collect() throws InterruptedException {
    List<byte[]> garbage = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      garbage.add(new byte[1 << 20]);
    }
    garbage.clear();
    System.gc();
    Thread.sleep(50);
  }

  /**
   * The service's class files copied to a fresh directory: the application class path has them
   * too, so the loaders must never ask it for them.
   */
  private static Path copyServiceClasses() throws IOException {
    String dir = PACKAGE.replace('.', '/');
    URL probe = ClassLoader.getSystemResource(dir + "LoadedService.class");
    Path source;
    try {
      source = Paths.get(probe.toURI()).getParent();
    } catch (Exception e) {
      throw new IOException("the service classes are not in a directory: " + probe, e);
    }
    Path root = Files.createTempDirectory("envelope-loader-");
    Path target = Files.createDirectories(root.resolve(dir));
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.getFileName().toString().endsWith(".class")) {
          try (InputStream in = Files.newInputStream(f)) {
            Files.copy(in, target.resolve(f.getFileName().toString()));
          }
        }
      }
    }
    return root;
  }

  /** Loads the service's package itself; everything else comes from the application. */
  static final class ChildFirst extends URLClassLoader {
    ChildFirst(URL classes) {
      super("child-first", new URL[] {classes}, ClassLoader.getSystemClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(PACKAGE)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          c = findClass(name);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }
}
