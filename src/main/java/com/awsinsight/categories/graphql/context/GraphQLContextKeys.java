package com.awsinsight.categories.graphql.context;

import com.awsinsight.categories.services.CallerSession;
import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;

/** How fetchers find the request's session, request id and error vocabulary in the GraphQL context. */
public final class GraphQLContextKeys {
    public static final String REQUEST_ID = "requestId";
    private static final String SESSION = CallerSession.class.getName();
    private static final String NAMING = FieldNaming.class.getName();

    private GraphQLContextKeys() {
    }

    public static void put(GraphQLContext.Builder context, CallerSession session, String requestId, FieldNaming naming) {
        context.of(SESSION, session, REQUEST_ID, requestId, NAMING, naming);
    }

    public static CallerSession session(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(SESSION);
    }

    public static FieldNaming naming(DataFetchingEnvironment env) {
        return naming(env.getGraphQlContext());
    }

    public static FieldNaming naming(GraphQLContext context) {
        return context.getOrDefault(NAMING, FieldNaming.GRAPHQL);
    }
}
