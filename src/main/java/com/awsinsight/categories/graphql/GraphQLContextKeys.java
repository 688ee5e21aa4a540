package com.awsinsight.categories.graphql;

import com.awsinsight.categories.services.RequestServices;
import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;

/** How fetchers find the request's services in the GraphQL context. */
public final class GraphQLContextKeys {
    public static final String REQUEST_ID = "requestId";
    private static final String SERVICES = RequestServices.class.getName();

    private GraphQLContextKeys() {
    }

    public static void put(GraphQLContext.Builder context, RequestServices services, String requestId) {
        context.of(SERVICES, services, REQUEST_ID, requestId);
    }

    public static RequestServices services(DataFetchingEnvironment env) {
        return env.getGraphQlContext().get(SERVICES);
    }
}
