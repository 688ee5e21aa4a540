# State moves for stacks applied before the monitoring module drove its alarms from one map
# (aws_cloudwatch_metric_alarm.this, keyed by alarm name suffix): without them Terraform would
# plan each alarm as destroy + create under the same name, and as CloudWatch's PutMetricAlarm
# overwrites by name, the destroy could run last and leave the alarm deleted. A move whose
# source is not in the state is a no-op; these can go once every environment has applied them.

moved {
  from = module.monitoring.aws_cloudwatch_metric_alarm.lambda_errors["category-list"]
  to   = module.monitoring.aws_cloudwatch_metric_alarm.this["category-list-lambda-errors"]
}

moved {
  from = module.monitoring.aws_cloudwatch_metric_alarm.lambda_throttles["category-list"]
  to   = module.monitoring.aws_cloudwatch_metric_alarm.this["category-list-lambda-throttles"]
}

moved {
  from = module.monitoring.aws_cloudwatch_metric_alarm.lambda_duration_p99["category-list"]
  to   = module.monitoring.aws_cloudwatch_metric_alarm.this["category-list-lambda-duration-p99"]
}

moved {
  from = module.monitoring.aws_cloudwatch_metric_alarm.lambda_errors["category-crud"]
  to   = module.monitoring.aws_cloudwatch_metric_alarm.this["category-crud-lambda-errors"]
}

moved {
  from = module.monitoring.aws_cloudwatch_metric_alarm.lambda_throttles["category-crud"]
  to   = module.monitoring.aws_cloudwatch_metric_alarm.this["category-crud-lambda-throttles"]
}

moved {
  from = module.monitoring.aws_cloudwatch_metric_alarm.lambda_duration_p99["category-crud"]
  to   = module.monitoring.aws_cloudwatch_metric_alarm.this["category-crud-lambda-duration-p99"]
}

moved {
  from = module.monitoring.aws_cloudwatch_metric_alarm.lambda_errors["template-list"]
  to   = module.monitoring.aws_cloudwatch_metric_alarm.this["template-list-lambda-errors"]
}

moved {
  from = module.monitoring.aws_cloudwatch_metric_alarm.lambda_throttles["template-list"]
  to   = module.monitoring.aws_cloudwatch_metric_alarm.this["template-list-lambda-throttles"]
}

moved {
  from = module.monitoring.aws_cloudwatch_metric_alarm.lambda_duration_p99["template-list"]
  to   = module.monitoring.aws_cloudwatch_metric_alarm.this["template-list-lambda-duration-p99"]
}

moved {
  from = module.monitoring.aws_cloudwatch_metric_alarm.lambda_errors["category-graphql"]
  to   = module.monitoring.aws_cloudwatch_metric_alarm.this["category-graphql-lambda-errors"]
}

moved {
  from = module.monitoring.aws_cloudwatch_metric_alarm.lambda_throttles["category-graphql"]
  to   = module.monitoring.aws_cloudwatch_metric_alarm.this["category-graphql-lambda-throttles"]
}

moved {
  from = module.monitoring.aws_cloudwatch_metric_alarm.lambda_duration_p99["category-graphql"]
  to   = module.monitoring.aws_cloudwatch_metric_alarm.this["category-graphql-lambda-duration-p99"]
}

moved {
  from = module.monitoring.aws_cloudwatch_metric_alarm.api_5xx_errors
  to   = module.monitoring.aws_cloudwatch_metric_alarm.this["category-api-5xx-errors"]
}

moved {
  from = module.monitoring.aws_cloudwatch_metric_alarm.api_latency_p99
  to   = module.monitoring.aws_cloudwatch_metric_alarm.this["category-api-latency-p99"]
}
