variable "enabled" {
  description = "Create the distribution (the seed's optional CDN layer)."
  type        = bool
  default     = false
}

variable "environment" {
  description = "Environment name, used in the distribution comment."
  type        = string
}

variable "api_domain_name" {
  description = "Domain name of the regional API (\"<api id>.execute-api.<region>.amazonaws.com\")."
  type        = string
}

variable "api_stage_name" {
  description = "Stage of the API, used as the origin path."
  type        = string
}

variable "price_class" {
  description = "CloudFront price class."
  type        = string
  default     = "PriceClass_100"
}

variable "tags" {
  description = "Tags applied to the distribution."
  type        = map(string)
  default     = {}
}
