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
# notifies the topic on ALARM and OK; they differ only by what follows, keyed by alarm name suffix.
locals {
  # On the gateway function.
  lambda_alarms = {
    # The seed's alarm: more than 10 errors in each of two 5-minute periods.
    "lambda-errors" = {
      description        = "Lambda function error rate too high"
      metric_name        = "Errors"
      statistic          = "Sum"
      evaluation_periods = 2
      threshold          = var.lambda_error_threshold
    }
    "lambda-throttles" = {
      description        = "Lambda function throttled: reserved concurrency reached"
      metric_name        = "Throttles"
      statistic          = "Sum"
      evaluation_periods = 1
      threshold          = var.lambda_throttle_threshold
    }
    "lambda-duration-p99" = {
      description        = "Lambda p99 duration above ${var.lambda_p99_duration_threshold_ms} ms"
      metric_name        = "Duration"
      statistic          = "p99"
      evaluation_periods = 3
      threshold          = var.lambda_p99_duration_threshold_ms
    }
  }

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

  # "lambda-errors", "lambda-throttles", "lambda-duration-p99", "api-5xx-errors", "api-latency-p99".
  alarms = merge(
    { for kind, alarm in local.lambda_alarms : kind => merge(alarm, {
      description = "${alarm.description} (${var.function_name})"
      namespace   = "AWS/Lambda"
      dimensions  = { FunctionName = var.function_name }
    }) },
    { for kind, alarm in local.api_alarms : "api-${kind}" => merge(alarm, {
      namespace  = "AWS/ApiGateway"
      dimensions = { ApiName = var.api_name, Stage = var.api_stage_name }
    }) },
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
  # Sums as a statistic, percentiles (p99) as an extended statistic.
  statistic          = startswith(each.value.statistic, "p") ? null : each.value.statistic
  extended_statistic = startswith(each.value.statistic, "p") ? each.value.statistic : null
  threshold          = each.value.threshold
  treat_missing_data = "notBreaching"
  alarm_actions      = [aws_sns_topic.this.arn]
  ok_actions         = [aws_sns_topic.this.arn]
  dimensions         = each.value.dimensions

  tags = var.tags
}

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
          metrics = [for metric in ["Count", "4XXError", "5XXError"] : ["AWS/ApiGateway", metric, "ApiName", var.api_name, "Stage", var.api_stage_name]]
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
            ["AWS/ApiGateway", "Latency", "ApiName", var.api_name, "Stage", var.api_stage_name, { stat = "p50" }],
            ["AWS/ApiGateway", "Latency", "ApiName", var.api_name, "Stage", var.api_stage_name, { stat = "p99" }],
            ["AWS/ApiGateway", "IntegrationLatency", "ApiName", var.api_name, "Stage", var.api_stage_name, { stat = "p99" }],
          ]
        }
      },
      {
        type   = "metric"
        x      = 0
        y      = 6
        width  = 12
        height = 6
        properties = {
          title   = "Lambda invocations"
          region  = var.region
          view    = "timeSeries"
          stat    = "Sum"
          period  = 60
          metrics = [["AWS/Lambda", "Invocations", "FunctionName", var.function_name]]
        }
      },
      {
        type   = "metric"
        x      = 12
        y      = 6
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
        x      = 0
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
        }
      },
      {
        type   = "metric"
        x      = 12
        y      = 12
        width  = 12
        height = 6
        properties = {
          title   = "Lambda concurrency"
          region  = var.region
          view    = "timeSeries"
          stat    = "Maximum"
          period  = 60
          metrics = [["AWS/Lambda", "ConcurrentExecutions", "FunctionName", var.function_name]]
        }
      },
      {
        type   = "metric"
        x      = 0
        y      = 18
        width  = 24
        height = 6
        properties = {
          title  = "DynamoDB capacity and throttling"
          region = var.region
          view   = "timeSeries"
          stat   = "Sum"
          period = 60
          metrics = flatten([for table in var.table_names : [
            ["AWS/DynamoDB", "ConsumedReadCapacityUnits", "TableName", table],
            ["AWS/DynamoDB", "ConsumedWriteCapacityUnits", "TableName", table],
            ["AWS/DynamoDB", "ThrottledRequests", "TableName", table],
          ]])
        }
      },
    ]
  })
}
