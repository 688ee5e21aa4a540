locals {
  # Not the Node service's "<env>-category-api-..." alarm names: while both stacks exist (adoption), equal
  # names would let each stack overwrite the other's alarms.
  name = "${var.environment}-category-gateway"
}

resource "aws_sns_topic" "this" {
  name              = "${local.name}-alerts"
  kms_master_key_id = var.kms_key_arn

  tags = var.tags
}

resource "aws_sns_topic_subscription" "email" {
  topic_arn = aws_sns_topic.this.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

# Every alarm compares GreaterThanThreshold over 5-minute periods, treats missing data as OK and
# notifies the topic on ALARM and OK. Alarms on one metric differ only by what follows, keyed by alarm name suffix.
locals {
  # The alias API Gateway invokes: Lambda reports provisioned concurrency per "<function>:<alias>" (Resource).
  alias_resource = "${var.function_name}:${var.function_alias}"

  # Maximum concurrent executions above which "lambda-concurrency-near-limit" fires (0 without reserved concurrency).
  concurrency_alarm_threshold = floor(coalesce(var.reserved_concurrency, 0) * var.lambda_concurrency_threshold_percent / 100)

  # On the gateway function.
  lambda_alarms = merge(
    {
      # The seed's alarm: more than 10 errors in each of two 5-minute periods.
      "lambda-errors" = {
        description        = "Lambda function error rate too high"
        metric_name        = "Errors"
        statistic          = "Sum"
        evaluation_periods = 2
        threshold          = var.lambda_error_threshold
        dimensions         = { FunctionName = var.function_name }
      }
      "lambda-throttles" = {
        description        = "Lambda function throttled: reserved concurrency reached"
        metric_name        = "Throttles"
        statistic          = "Sum"
        evaluation_periods = 1
        threshold          = var.lambda_throttle_threshold
        dimensions         = { FunctionName = var.function_name }
      }
      "lambda-duration-p99" = {
        description        = "Lambda p99 duration above ${var.lambda_p99_duration_threshold_ms} ms"
        metric_name        = "Duration"
        statistic          = "p99"
        evaluation_periods = 3
        threshold          = var.lambda_p99_duration_threshold_ms
        dimensions         = { FunctionName = var.function_name }
      }
    },
    # Requests beyond the provisioned environments start cold: only where provisioned concurrency is set.
    var.provisioned_concurrency > 0 ? {
      "lambda-provisioned-spillover" = {
        description        = "Requests spilled past the ${var.provisioned_concurrency} provisioned environments (cold starts) in two 5-minute periods in a row"
        metric_name        = "ProvisionedConcurrencySpilloverInvocations"
        statistic          = "Sum"
        evaluation_periods = 2
        threshold          = var.lambda_spillover_threshold
        dimensions         = { FunctionName = var.function_name, Resource = local.alias_resource }
      }
    } : {},
    # Early warning before "lambda-throttles": only where concurrency is reserved (else there is no limit of ours).
    var.reserved_concurrency != null ? {
      "lambda-concurrency-near-limit" = {
        description        = "Concurrent executions above ${var.lambda_concurrency_threshold_percent} % of the reserved ${coalesce(var.reserved_concurrency, 0)}"
        metric_name        = "ConcurrentExecutions"
        statistic          = "Maximum"
        evaluation_periods = 1
        threshold          = local.concurrency_alarm_threshold
        dimensions         = { FunctionName = var.function_name }
      }
    } : {},
  )

  # On the API stage.
  api_alarms = {
    "5xx-errors" = {
      description        = "API Gateway 5XX error rate too high"
      metric_name        = "5XXError"
      statistic          = "Sum"
      evaluation_periods = 2
      threshold          = var.api_5xx_threshold
    }
    "latency-p99" = {
      description        = "API Gateway p99 latency above ${var.api_p99_latency_threshold_ms} ms"
      metric_name        = "Latency"
      statistic          = "p99"
      evaluation_periods = 3
      threshold          = var.api_p99_latency_threshold_ms
    }
  }

  # "lambda-errors", "lambda-throttles", "lambda-duration-p99", "lambda-provisioned-spillover" (with provisioned
  # concurrency), "lambda-concurrency-near-limit" (with reserved concurrency), "api-5xx-errors", "api-latency-p99".
  alarms = merge(
    { for kind, alarm in local.lambda_alarms : kind => merge(alarm, {
      description = "${alarm.description} (${var.function_name})"
      namespace   = "AWS/Lambda"
    }) },
    { for kind, alarm in local.api_alarms : "api-${kind}" => merge(alarm, {
      namespace  = "AWS/ApiGateway"
      dimensions = { ApiName = var.api_name, Stage = var.api_stage_name }
    }) },
  )

  # DynamoDB reports ThrottledRequests and SystemErrors per table and operation, the throttling of an index's reads
  # and writes per table and index, and of the table's own per table: one Metrics Insights query sums each over every
  # operation (or index) of a table, so an operation or index added later is watched too. ThrottledRequests counts a
  # batch (BatchGetItem, BatchWriteItem, both used) only when all of it was throttled; a batch throttled in part
  # shows only in the table's Read/WriteThrottleEvents. Sums per 5 minutes.
  dynamodb_queries = {
    "throttled-requests" = {
      description = "DynamoDB throttled requests (every operation)"
      metric      = "ThrottledRequests"
      schema      = "Operation, TableName"
      threshold   = var.dynamodb_throttle_threshold
    }
    "system-errors" = {
      description = "DynamoDB system errors (HTTP 500 from DynamoDB, every operation)"
      metric      = "SystemErrors"
      schema      = "Operation, TableName"
      threshold   = var.dynamodb_system_errors_threshold
    }
    "table-read-throttles" = {
      description = "DynamoDB read throttle events on the table (batches throttled in part included)"
      metric      = "ReadThrottleEvents"
      schema      = "TableName"
      threshold   = var.dynamodb_throttle_threshold
    }
    "table-write-throttles" = {
      description = "DynamoDB write throttle events on the table (batches throttled in part included)"
      metric      = "WriteThrottleEvents"
      schema      = "TableName"
      threshold   = var.dynamodb_throttle_threshold
    }
    "index-read-throttles" = {
      description = "DynamoDB read throttle events on the global secondary indexes"
      metric      = "ReadThrottleEvents"
      schema      = "GlobalSecondaryIndexName, TableName"
      threshold   = var.dynamodb_throttle_threshold
    }
    "index-write-throttles" = {
      description = "DynamoDB write throttle events on the global secondary indexes"
      metric      = "WriteThrottleEvents"
      schema      = "GlobalSecondaryIndexName, TableName"
      threshold   = var.dynamodb_throttle_threshold
    }
  }

  # The 4XX rate in percent of requests, counted only in periods with at least api_4xx_min_requests requests (a few
  # rejected tokens at night are not a rate).
  api_4xx_rate_expression = "IF(requests >= ${var.api_4xx_min_requests}, 100 * errors / requests, 0)"

  # Alarms on an expression: "dynamodb-<table>-<kind>" (Metrics Insights) and "api-4xx-rate" (metric math).
  query_alarms = merge(
    { for pair in setproduct(keys(var.tables), keys(local.dynamodb_queries)) : "dynamodb-${pair[0]}-${pair[1]}" => {
      description        = "${local.dynamodb_queries[pair[1]].description} on ${var.tables[pair[0]]}"
      evaluation_periods = 1
      threshold          = local.dynamodb_queries[pair[1]].threshold
      queries = [{
        id         = "total"
        expression = "SELECT SUM(${local.dynamodb_queries[pair[1]].metric}) FROM SCHEMA(\"AWS/DynamoDB\", ${local.dynamodb_queries[pair[1]].schema}) WHERE TableName = '${var.tables[pair[0]]}'"
        period     = 300
        metric     = null
      }]
    } },
    {
      "api-4xx-rate" = {
        description        = "API Gateway 4XX responses above ${var.api_4xx_rate_threshold_percent} % of requests for three 5-minute periods (clients failing: tokens, throttling, bad requests)"
        evaluation_periods = 3
        threshold          = var.api_4xx_rate_threshold_percent
        queries = [
          { id = "rate", expression = local.api_4xx_rate_expression, period = null, metric = null },
          { id = "requests", expression = null, period = null, metric = "Count" },
          { id = "errors", expression = null, period = null, metric = "4XXError" },
        ]
      }
    },
  )
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${local.name}-${each.key}"
  alarm_description   = each.value.description
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = each.value.evaluation_periods
  metric_name         = each.value.metric_name
  namespace           = each.value.namespace
  period              = 300
  # Sums and maxima as a statistic, percentiles (p99) as an extended statistic.
  statistic          = startswith(each.value.statistic, "p") ? null : each.value.statistic
  extended_statistic = startswith(each.value.statistic, "p") ? each.value.statistic : null
  threshold          = each.value.threshold
  treat_missing_data = "notBreaching"
  alarm_actions      = [aws_sns_topic.this.arn]
  ok_actions         = [aws_sns_topic.this.arn]
  dimensions         = each.value.dimensions

  tags = var.tags
}

resource "aws_cloudwatch_metric_alarm" "query" {
  for_each = local.query_alarms

  alarm_name          = "${local.name}-${each.key}"
  alarm_description   = each.value.description
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = each.value.evaluation_periods
  threshold           = each.value.threshold
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.this.arn]
  ok_actions          = [aws_sns_topic.this.arn]

  # The first query is what the alarm evaluates; the others are the API metrics its expression reads.
  dynamic "metric_query" {
    for_each = each.value.queries

    content {
      id          = metric_query.value.id
      expression  = metric_query.value.expression
      period      = metric_query.value.period
      return_data = metric_query.key == 0

      dynamic "metric" {
        for_each = metric_query.value.metric == null ? [] : [metric_query.value.metric]

        content {
          namespace   = "AWS/ApiGateway"
          metric_name = metric.value
          period      = 300
          stat        = "Sum"
          dimensions  = { ApiName = var.api_name, Stage = var.api_stage_name }
        }
      }
    }
  }

  tags = var.tags
}

locals {
  api_dimensions = ["ApiName", var.api_name, "Stage", var.api_stage_name]

  # The dashboard's DynamoDB error series: the alarms' sums, as search expressions (a dashboard widget may hold one
  # Metrics Insights query only, but any number of searches). Same metrics, same dimensions, per table.
  dynamodb_error_series = flatten([for table_key, table in var.tables : [
    for kind, query in local.dynamodb_queries : {
      expression = "SUM(SEARCH('{AWS/DynamoDB,${replace(query.schema, " ", "")}} MetricName=\"${query.metric}\" TableName=\"${table}\"', 'Sum', 300))"
      label      = "${table_key}: ${query.metric}${startswith(kind, "index-") ? " (indexes)" : startswith(kind, "table-") ? " (table)" : ""}"
      id         = replace("${table_key}_${kind}", "-", "_")
    }
  ]])
}

# The metrics the alarms watch, each with its alarm threshold drawn in.
resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = local.name
  dashboard_body = jsonencode({
    widgets = [
      {
        type   = "metric"
        x      = 0
        y      = 0
        width  = 12
        height = 6
        properties = {
          title   = "API requests and errors"
          region  = var.region
          view    = "timeSeries"
          stat    = "Sum"
          period  = 60
          metrics = [for metric in ["Count", "4XXError", "5XXError"] : concat(["AWS/ApiGateway", metric], local.api_dimensions)]
          annotations = {
            horizontal = [{ label = "5XX alarm (per 5 minutes)", value = var.api_5xx_threshold }]
          }
        }
      },
      {
        type   = "metric"
        x      = 12
        y      = 0
        width  = 12
        height = 6
        properties = {
          title  = "API latency (p50, p99) and integration latency (p99)"
          region = var.region
          view   = "timeSeries"
          period = 60
          metrics = [
            concat(["AWS/ApiGateway", "Latency"], local.api_dimensions, [{ stat = "p50" }]),
            concat(["AWS/ApiGateway", "Latency"], local.api_dimensions, [{ stat = "p99" }]),
            concat(["AWS/ApiGateway", "IntegrationLatency"], local.api_dimensions, [{ stat = "p99" }]),
          ]
          annotations = {
            horizontal = [{ label = "p99 latency alarm", value = var.api_p99_latency_threshold_ms }]
          }
        }
      },
      {
        type   = "metric"
        x      = 0
        y      = 6
        width  = 12
        height = 6
        properties = {
          title  = "API 4XX rate, % of requests (counted from ${var.api_4xx_min_requests} requests per 5 minutes)"
          region = var.region
          view   = "timeSeries"
          stat   = "Sum"
          period = 300
          metrics = [
            [{ expression = local.api_4xx_rate_expression, label = "4XX rate %", id = "rate" }],
            concat(["AWS/ApiGateway", "Count"], local.api_dimensions, [{ id = "requests", visible = false }]),
            concat(["AWS/ApiGateway", "4XXError"], local.api_dimensions, [{ id = "errors", visible = false }]),
          ]
          annotations = {
            horizontal = [{ label = "4XX rate alarm", value = var.api_4xx_rate_threshold_percent }]
          }
        }
      },
      {
        type   = "metric"
        x      = 12
        y      = 6
        width  = 12
        height = 6
        properties = {
          title  = var.provisioned_concurrency > 0 ? "Lambda invocations, and spillover past the provisioned environments" : "Lambda invocations"
          region = var.region
          view   = "timeSeries"
          stat   = "Sum"
          period = 60
          metrics = concat(
            [["AWS/Lambda", "Invocations", "FunctionName", var.function_name]],
            var.provisioned_concurrency > 0 ? [["AWS/Lambda", "ProvisionedConcurrencySpilloverInvocations", "FunctionName", var.function_name, "Resource", local.alias_resource]] : [],
          )
        }
      },
      {
        type   = "metric"
        x      = 0
        y      = 12
        width  = 12
        height = 6
        properties = {
          title   = "Lambda errors and throttles"
          region  = var.region
          view    = "timeSeries"
          stat    = "Sum"
          period  = 60
          metrics = [for metric in ["Errors", "Throttles"] : ["AWS/Lambda", metric, "FunctionName", var.function_name]]
        }
      },
      {
        type   = "metric"
        x      = 12
        y      = 12
        width  = 12
        height = 6
        properties = {
          title   = "Lambda duration p99"
          region  = var.region
          view    = "timeSeries"
          stat    = "p99"
          period  = 60
          metrics = [["AWS/Lambda", "Duration", "FunctionName", var.function_name]]
          annotations = {
            horizontal = [{ label = "p99 duration alarm", value = var.lambda_p99_duration_threshold_ms }]
          }
        }
      },
      {
        type   = "metric"
        x      = 0
        y      = 18
        width  = 24
        height = 6
        properties = {
          title   = var.reserved_concurrency != null ? "Lambda concurrency (reserved: ${coalesce(var.reserved_concurrency, 0)})" : "Lambda concurrency"
          region  = var.region
          view    = "timeSeries"
          stat    = "Maximum"
          period  = 60
          metrics = [["AWS/Lambda", "ConcurrentExecutions", "FunctionName", var.function_name]]
          annotations = {
            horizontal = var.reserved_concurrency != null ? [
              { label = "near-limit alarm", value = local.concurrency_alarm_threshold },
              { label = "reserved concurrency", value = var.reserved_concurrency },
            ] : []
          }
        }
      },
      {
        type   = "metric"
        x      = 0
        y      = 24
        width  = 24
        height = 6
        properties = {
          title  = "DynamoDB consumed capacity"
          region = var.region
          view   = "timeSeries"
          stat   = "Sum"
          period = 60
          # concat, not flatten: flatten would also flatten each metric's own list.
          metrics = concat([for table in values(var.tables) : [
            ["AWS/DynamoDB", "ConsumedReadCapacityUnits", "TableName", table],
            ["AWS/DynamoDB", "ConsumedWriteCapacityUnits", "TableName", table],
          ]]...)
        }
      },
      {
        type   = "metric"
        x      = 0
        y      = 30
        width  = 24
        height = 6
        properties = {
          title   = "DynamoDB throttling and system errors per 5 minutes (every operation; indexes apart)"
          region  = var.region
          view    = "timeSeries"
          period  = 300
          metrics = [for series in local.dynamodb_error_series : [series]]
          annotations = {
            horizontal = [{ label = "throttling alarm", value = var.dynamodb_throttle_threshold }]
          }
        }
      },
    ]
  })
}
