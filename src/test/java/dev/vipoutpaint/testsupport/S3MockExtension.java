package dev.vipoutpaint.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension that gives tests a running {@link S3MockServer}.
 *
 * <p>One server serves the whole test run: it is kept in the root context's store, started by
 * the first class that requests it and stopped (by PID) when the run ends, because each start costs a
 * Spring Boot boot. Tests take it as a parameter and use their own bucket or key prefix so they
 * do not see each other's objects.
 */
public final class S3MockExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(S3MockExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == S3MockServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    private static S3MockServer server(ExtensionContext context) {
        // The store closes AutoCloseable values when the root context ends.
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(S3MockServer.class, type -> S3MockServer.start(), S3MockServer.class);
    }
}
