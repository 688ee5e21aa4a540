package com.awsinsight.categories.graphql;

import com.awsinsight.categories.domain.ErrorCode;
import com.awsinsight.categories.domain.JsonText;
import graphql.ErrorClassification;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphqlErrorBuilder;
import graphql.execution.FetchedValue;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldCompleteParameters;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stops a response that grows past the size cap while it is being built, before it is serialised: every
 * completed field adds what it will take in the JSON response (its key, and a scalar's text), and once the total
 * passes the cap the execution is cancelled (graphql-java fetches and completes nothing more) and the result is
 * replaced by one BAD_USER_INPUT error without data. So no request can make the gateway hold or write more than
 * about the cap, whatever the query cost estimated; Lambda's response limit is 6 MB, and the cap's default of
 * 4 MB leaves room for the JSON escaping of the proxy response around the body.
 */
final class ResponseSizeLimit extends SimplePerformantInstrumentation {
    private final long maxBytes;

    ResponseSizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The bytes counted so far for one execution. */
    private static final class Size implements InstrumentationState {
        final AtomicLong bytes = new AtomicLong();
        volatile boolean exceeded;
    }

    @Override
    public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
        return CompletableFuture.completedFuture(new Size());
    }

    @Override
    public InstrumentationContext<Object> beginFieldCompletion(InstrumentationFieldCompleteParameters parameters,
                                                               InstrumentationState state) {
        Size size = (Size) state;
        String key = parameters.getExecutionStepInfo().getField().getResultKey();
        long added = key.length() + 4L + jsonLength(FetchedValue.getFetchedValue(parameters.getFetchedObject()));
        if (size.bytes.addAndGet(added) > maxBytes && !size.exceeded) {
            size.exceeded = true;
            parameters.getExecutionContext().getExecutionInput().cancel();
        }
        return SimpleInstrumentationContext.noOp();
    }

    @Override
    public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                                                                        InstrumentationExecutionParameters parameters,
                                                                        InstrumentationState state) {
        if (state instanceof Size size && size.exceeded) {
            return CompletableFuture.completedFuture(ExecutionResultImpl.newExecutionResult()
                    .addError(GraphqlErrorBuilder.newError()
                            .message("The response would be larger than " + maxBytes
                                    + " bytes; ask for fewer fields or smaller pages")
                            .errorType(ErrorClassification.errorClassification(ErrorCode.BAD_USER_INPUT.name()))
                            .extensions(Map.of("code", ErrorCode.BAD_USER_INPUT.name()))
                            .build())
                    .build());
        }
        return CompletableFuture.completedFuture(result);
    }

    /** About what a fetched value takes as JSON; objects and lists count their brackets, their fields count themselves. */
    private static long jsonLength(Object value) {
        if (value == null) {
            return 4;
        }
        if (value instanceof CharSequence text) {
            return stringLength(text);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return 24;
        }
        if (value instanceof Map<?, ?> map && !map.isEmpty() && map.keySet().iterator().next() instanceof String) {
            return JsonText.write(value).length();
        }
        if (value instanceof Collection<?> items) {
            return 2L + 3L * items.size();
        }
        return 2;
    }

    private static long stringLength(CharSequence text) {
        long bytes = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? (c == '"' || c == '\\' || c < 0x20 ? 2 : 1) : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
