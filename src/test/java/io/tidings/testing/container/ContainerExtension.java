package io.tidings.testing.container;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands the suite its {@link ContainerRun}: started on first use, shared by every test class of the JVM (so a
 * slow container such as GlassFish starts once), stopped when the test run ends.
 */
public final class ContainerExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ContainerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ContainerRun.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(ContainerRun.class, type -> {
            try {
                return ContainerRun.startConfigured();
            } catch (Exception e) {
                throw new IllegalStateException("could not start " + System.getProperty(ContainerRun.CONTAINER_PROPERTY, "embedded"), e);
            }
        }, ContainerRun.class);
    }
}
