package io.tidings.testing.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A class loader holding one container's jars and nothing of the test classpath, as a real installation would:
 * the deployed WAR can only use what it ships, and one container never finds another's
 * ServletContainerInitializers (Jetty's and Tomcat's WebSocket initializers each break the other). Two
 * exceptions cross over: {@link ContainerBoot}, the shared interface, and the boot classes of
 * {@link #BOOT_PACKAGE}, which are defined here from their class files so they link against this container.
 */
public final class ContainerLoader extends URLClassLoader {
    public static final String BOOT_PACKAGE = "io.tidings.testing.container.boot.";

    static {
        registerAsParallelCapable();
    }

    private ContainerLoader(String name, URL[] jars) {
        super(name, jars, ClassLoader.getPlatformClassLoader());
    }

    /** A loader over every jar in the directory (filled by the build: target/it-containers/NAME). */
    public static ContainerLoader of(String name, Path jarDirectory) throws IOException {
        List<Path> jars;
        try (Stream<Path> files = Files.list(jarDirectory)) {
            jars = files.filter(file -> file.toString().endsWith(".jar")).sorted().toList();
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("no container jars in " + jarDirectory + " (run mvn verify, which copies them)");
        }
        return new ContainerLoader(name, jars.stream().map(ContainerLoader::url).toArray(URL[]::new));
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.equals(ContainerBoot.class.getName())) {
            return ContainerBoot.class;
        }
        if (name.startsWith(BOOT_PACKAGE)) {
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : defineBootClass(name);
            }
        }
        return super.loadClass(name, resolve);
    }

    private Class<?> defineBootClass(String name) throws ClassNotFoundException {
        String file = name.replace('.', '/') + ".class";
        try (InputStream in = ContainerLoader.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }
}
