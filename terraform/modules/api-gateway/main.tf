locals {
  # Not the Node service's "<env>-insight-category-api": API Gateway metrics are keyed by ApiName and stage, so
  # while both APIs exist (adoption, docs/operations.md) equal names would merge their metrics and alarms.
  name = "${var.environment}-insight-category-gateway"

  # One stage per environment, named after it (the seed's stage).
  stage_name = var.environment

  cognito = "COGNITO_USER_POOLS"
  none    = "NONE"

  # Every route of the seed plus the gateway's, all on the one gateway function. /health is public (load
  # balancer and uptime checks); /playground is a static page that asks for a token itself, so it is public
  # too, and only deployed where the playground is enabled. Everything else goes through the Cognito authorizer.
  base_routes = {
    "GET /categories"         = { path = "/categories", method = "GET", authorization = local.cognito }
    "POST /categories"        = { path = "/categories", method = "POST", authorization = local.cognito }
    "GET /categories/{id}"    = { path = "/categories/{id}", method = "GET", authorization = local.cognito }
    "PUT /categories/{id}"    = { path = "/categories/{id}", method = "PUT", authorization = local.cognito }
    "DELETE /categories/{id}" = { path = "/categories/{id}", method = "DELETE", authorization = local.cognito }
    "GET /templates"          = { path = "/templates", method = "GET", authorization = local.cognito }
    "POST /graphql"           = { path = "/graphql", method = "POST", authorization = local.cognito }
    "GET /graphql"            = { path = "/graphql", method = "GET", authorization = local.cognito }
    "GET /health"             = { path = "/health", method = "GET", authorization = local.none }
  }

  playground_routes = {
    "GET /playground"          = { path = "/playground", method = "GET", authorization = local.none }
    "GET /playground/{proxy+}" = { path = "/playground/{proxy+}", method = "GET", authorization = local.none }
  }

  routes = merge(local.base_routes, var.enable_playground ? local.playground_routes : {})

  top_level_paths = merge(
    { "/categories" = "categories", "/templates" = "templates", "/health" = "health", "/graphql" = "graphql" },
    var.enable_playground ? { "/playground" = "playground" } : {},
  )

  child_paths = merge(
    { "/categories/{id}" = { parent = "/categories", path_part = "{id}" } },
    var.enable_playground ? { "/playground/{proxy+}" = { parent = "/playground", path_part = "{proxy+}" } } : {},
  )

  resource_ids = merge(
    { for path, resource in aws_api_gateway_resource.this : path => resource.id },
    { for path, resource in aws_api_gateway_resource.child : path => resource.id },
  )

  all_paths = concat(keys(local.top_level_paths), keys(local.child_paths))

  allowed_methods = {
    for path in local.all_paths : path => join(",", concat(
      sort([for route in values(local.routes) : route.method if route.path == path]),
      ["OPTIONS"],
    ))
  }

  cors_allowed_headers = "Content-Type,Authorization,If-Match,If-None-Match,Idempotency-Key,X-Amz-Date,X-Api-Key,X-Amz-Security-Token"
  cors_default_origin  = var.cors_allowed_origins[0]
  cors_expose_headers  = "ETag,Location,X-Request-Id,WWW-Authenticate,Retry-After"

  # The OPTIONS mock echoes the request's Origin when it is in the allowed list.
  cors_response_template = <<-VTL
    #set($origin = $input.params("Origin"))
    #if($origin == "")#set($origin = $input.params("origin"))#end
    #set($allowed = [${join(", ", [for origin in var.cors_allowed_origins : "\"${origin}\""])}])
    #if($allowed.contains($origin))
    #set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)
    #end
    {}
  VTL
}

resource "aws_api_gateway_rest_api" "this" {
  name                     = local.name
  description              = "AWS Insight Category Management API (REST routes and GraphQL gateway)"
  minimum_compression_size = "1024"

  # With the custom domain (TLS 1.2 minimum), the default execute-api endpoint is switched off so that
  # clients cannot bypass the domain's security policy.
  disable_execute_api_endpoint = local.custom_domain

  endpoint_configuration {
    types = ["REGIONAL"]
  }

  tags = var.tags
}

resource "aws_api_gateway_resource" "this" {
  for_each = local.top_level_paths

  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_rest_api.this.root_resource_id
  path_part   = each.value
}

resource "aws_api_gateway_resource" "child" {
  for_each = local.child_paths

  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_resource.this[each.value.parent].id
  path_part   = each.value.path_part
}

resource "aws_api_gateway_authorizer" "cognito" {
  name                             = "cognito-authorizer"
  rest_api_id                      = aws_api_gateway_rest_api.this.id
  type                             = "COGNITO_USER_POOLS"
  provider_arns                    = [var.cognito_user_pool_arn]
  identity_source                  = "method.request.header.Authorization"
  authorizer_result_ttl_in_seconds = 300
}

resource "aws_api_gateway_method" "this" {
  for_each = local.routes

  rest_api_id   = aws_api_gateway_rest_api.this.id
  resource_id   = local.resource_ids[each.value.path]
  http_method   = each.value.method
  authorization = each.value.authorization
  authorizer_id = each.value.authorization == local.cognito ? aws_api_gateway_authorizer.cognito.id : null

  request_parameters = each.key == "GET /categories" ? {
    "method.request.querystring.limit"  = false
    "method.request.querystring.cursor" = false
    "method.request.querystring.filter" = false
  } : null
}

resource "aws_api_gateway_integration" "this" {
  for_each = local.routes

  rest_api_id             = aws_api_gateway_rest_api.this.id
  resource_id             = aws_api_gateway_method.this[each.key].resource_id
  http_method             = aws_api_gateway_method.this[each.key].http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = var.function.invoke_arn
}

# API Gateway may invoke the live alias, for the deployed routes only.
resource "aws_lambda_permission" "this" {
  for_each = local.routes

  statement_id  = "AllowApiGateway-${each.value.method}-${join("-", regexall("[A-Za-z0-9]+", each.value.path))}"
  action        = "lambda:InvokeFunction"
  function_name = var.function.function_name
  qualifier     = var.function.qualifier
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.this.execution_arn}/*/${each.value.method}${replace(each.value.path, "/\\{[^}]+\\}/", "*")}"
}

# CORS preflight: an unauthenticated OPTIONS mock on every resource.
resource "aws_api_gateway_method" "options" {
  for_each = toset(local.all_paths)

  rest_api_id   = aws_api_gateway_rest_api.this.id
  resource_id   = local.resource_ids[each.key]
  http_method   = "OPTIONS"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "options" {
  for_each = toset(local.all_paths)

  rest_api_id = aws_api_gateway_rest_api.this.id
  resource_id = aws_api_gateway_method.options[each.key].resource_id
  http_method = aws_api_gateway_method.options[each.key].http_method
  type        = "MOCK"

  request_templates = {
    "application/json" = jsonencode({ statusCode = 200 })
  }
}

resource "aws_api_gateway_method_response" "options" {
  for_each = toset(local.all_paths)

  rest_api_id = aws_api_gateway_rest_api.this.id
  resource_id = aws_api_gateway_method.options[each.key].resource_id
  http_method = aws_api_gateway_method.options[each.key].http_method
  status_code = "200"

  response_parameters = {
    "method.response.header.Access-Control-Allow-Headers" = true
    "method.response.header.Access-Control-Allow-Methods" = true
    "method.response.header.Access-Control-Allow-Origin"  = true
    "method.response.header.Access-Control-Max-Age"       = true
    "method.response.header.Vary"                         = true
  }

  response_models = {
    "application/json" = "Empty"
  }
}

resource "aws_api_gateway_integration_response" "options" {
  for_each = toset(local.all_paths)

  rest_api_id = aws_api_gateway_rest_api.this.id
  resource_id = aws_api_gateway_method.options[each.key].resource_id
  http_method = aws_api_gateway_method.options[each.key].http_method
  status_code = aws_api_gateway_method_response.options[each.key].status_code

  response_parameters = {
    "method.response.header.Access-Control-Allow-Headers" = "'${local.cors_allowed_headers}'"
    "method.response.header.Access-Control-Allow-Methods" = "'${local.allowed_methods[each.key]}'"
    "method.response.header.Access-Control-Allow-Origin"  = "'${local.cors_default_origin}'"
    "method.response.header.Access-Control-Max-Age"       = "'600'"
    "method.response.header.Vary"                         = "'Origin'"
  }

  response_templates = {
    "application/json" = local.cors_response_template
  }

  depends_on = [aws_api_gateway_integration.options]
}

# Authorizer rejections (401/403) and throttling (429) carry CORS headers too, so browsers can read them, and
# the headers a script may read are the function's (edge/http/Cors). The authorizer's 401 carries the Bearer
# challenge (RFC 6750; it cannot tell a missing token from a refused one), a throttled request when to retry.
resource "aws_api_gateway_gateway_response" "this" {
  for_each = {
    DEFAULT_4XX  = {}
    DEFAULT_5XX  = {}
    UNAUTHORIZED = { "gatewayresponse.header.WWW-Authenticate" = "'Bearer'" }
    THROTTLED    = { "gatewayresponse.header.Retry-After" = "'1'" }
  }

  rest_api_id   = aws_api_gateway_rest_api.this.id
  response_type = each.key

  response_parameters = merge({
    "gatewayresponse.header.Access-Control-Allow-Origin"   = "'${local.cors_default_origin}'"
    "gatewayresponse.header.Access-Control-Allow-Headers"  = "'${local.cors_allowed_headers}'"
    "gatewayresponse.header.Access-Control-Expose-Headers" = "'${local.cors_expose_headers}'"
  }, each.value)
}

resource "aws_api_gateway_deployment" "this" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  description = "${local.name} routes"

  # A new deployment whenever what the stage serves changes. That includes disable_execute_api_endpoint: API Gateway
  # applies it only with the next deployment, so switching the custom domain on later would otherwise leave the
  # default execute-api endpoint answering (without the domain's TLS policy) until some unrelated change redeploys.
  triggers = {
    redeployment = sha1(jsonencode([
      aws_api_gateway_rest_api.this.disable_execute_api_endpoint,
      local.routes,
      local.allowed_methods,
      local.cors_response_template,
      local.cors_allowed_headers,
      [for integration in aws_api_gateway_integration.this : integration.uri],
      [for response in aws_api_gateway_gateway_response.this : response.response_parameters],
    ]))
  }

  lifecycle {
    create_before_destroy = true
  }

  depends_on = [
    aws_api_gateway_integration.this,
    aws_api_gateway_integration.options,
    aws_api_gateway_integration_response.options,
    aws_api_gateway_gateway_response.this,
  ]
}

# API Gateway writes execution logs (logging_level) to this fixed name; declared so it has a retention and the key.
resource "aws_cloudwatch_log_group" "execution" {
  name              = "API-Gateway-Execution-Logs_${aws_api_gateway_rest_api.this.id}/${local.stage_name}"
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.kms_key_arn

  tags = var.tags
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/${local.name}"
  retention_in_days = var.log_retention_in_days
  kms_key_id        = var.kms_key_arn

  tags = var.tags
}

resource "aws_api_gateway_stage" "this" {
  rest_api_id   = aws_api_gateway_rest_api.this.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = local.stage_name

  xray_tracing_enabled = true

  # One JSON line per request that says who, how long and which trace: the organization from the Cognito
  # authorizer's claims (the seed's caller and user are IAM identities, always empty behind Cognito), the latency
  # the client saw and the function's part of it, the X-Ray trace id (the function's traces and DynamoDB
  # subsegments are under it) and why a request was refused before the function (authorizer error, gateway
  # response type such as UNAUTHORIZED or THROTTLED).
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      requestId          = "$context.requestId"
      xrayTraceId        = "$context.xrayTraceId"
      ip                 = "$context.identity.sourceIp"
      organizationId     = "$context.authorizer.claims['custom:organizationId']"
      requestTime        = "$context.requestTime"
      httpMethod         = "$context.httpMethod"
      resourcePath       = "$context.resourcePath"
      status             = "$context.status"
      protocol           = "$context.protocol"
      responseLength     = "$context.responseLength"
      responseLatency    = "$context.responseLatency"
      integrationLatency = "$context.integrationLatency"
      authorizerError    = "$context.authorizer.error"
      errorType          = "$context.error.responseType"
      integrationError   = "$context.integrationErrorMessage"
    })
  }

  variables = {
    lambdaAlias = var.function.qualifier
  }

  tags = var.tags

  # Execution logs go to the group declared above (retention, encryption), never to one API Gateway would
  # create on first write (kept forever, unencrypted).
  depends_on = [aws_cloudwatch_log_group.execution]
}

# Request rates are enforced here, for all callers together (no API keys, no usage plans: see
# docs/operations.md, "Rate limiting").
resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  stage_name  = aws_api_gateway_stage.this.stage_name
  method_path = "*/*"

  settings {
    metrics_enabled        = true
    logging_level          = var.execution_logging_level
    data_trace_enabled     = false
    throttling_rate_limit  = var.throttle_rate_limit
    throttling_burst_limit = var.throttle_burst_limit
  }

  depends_on = [aws_cloudwatch_log_group.execution]
}
