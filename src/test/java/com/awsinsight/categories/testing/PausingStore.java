package com.awsinsight.categories.testing;

import com.awsinsight.categories.domain.ports.CategoryRepository;
import com.awsinsight.categories.domain.ports.Store;
import com.awsinsight.categories.domain.ports.StoreMetrics;
import com.awsinsight.categories.domain.ports.WriteCoordination;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A store whose repository and coordination calls can be held at a chosen point, to put two writes into a
 * chosen interleaving: {@link #pauseAt} holds the first matching call before it reaches the store until the
 * pause is released. It also counts refused {@code beginWrite} calls (an adding write waiting for the lease).
 */
public final class PausingStore extends DelegatingStore {
    private final List<Pause> pauses = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusedBegins = new AtomicInteger();

    public PausingStore(Store target) {
        super(target);
    }

    /** A held call: the test waits until a call reaches it, then lets it go on. */
    public static final class Pause {
        private final String method;
        private final Predicate<Object[]> when;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        private Pause(String method, Predicate<Object[]> when) {
            this.method = method;
            this.when = when;
        }

        public void awaitReached() {
            PausingStore.await(() -> reached.getCount() == 0, "a call of " + method + " to reach the pause");
        }

        public void release() {
            released.countDown();
        }

        private boolean matches(Method called, Object[] args) {
            return reached.getCount() > 0 && called.getName().equals(method) && when.test(args == null ? new Object[0] : args);
        }

        private void hold() throws InterruptedException {
            reached.countDown();
            if (!released.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("pause at " + method + " never released");
            }
        }
    }

    /** Holds the first later call of {@code method} (repository or coordination) whose arguments match. */
    public Pause pauseAt(String method, Predicate<Object[]> when) {
        Pause pause = new Pause(method, when);
        pauses.add(pause);
        return pause;
    }

    public int refusedBegins() {
        return refusedBegins.get();
    }

    @Override
    public CategoryRepository categories(String organizationId, StoreMetrics metrics) {
        return pausing(CategoryRepository.class, super.categories(organizationId, metrics));
    }

    @Override
    public WriteCoordination coordination(String organizationId, StoreMetrics metrics) {
        return pausing(WriteCoordination.class, super.coordination(organizationId, metrics));
    }

    private <T> T pausing(Class<T> type, T target) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            for (Pause pause : pauses) {
                if (pause.matches(method, args)) {
                    pauses.remove(pause);
                    pause.hold();
                }
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (method.getName().equals("beginWrite") && result instanceof Optional<?> begun && begun.isEmpty()) {
                refusedBegins.incrementAndGet();
            }
            return result;
        }));
    }

    /** Waits (up to 30 s) for {@code condition}; fails naming {@code what} if it never holds. */
    public static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
