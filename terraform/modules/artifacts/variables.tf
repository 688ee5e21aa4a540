variable "bucket_name" {
  description = "Name of the artifacts bucket (globally unique: the root module adds the account id and region)."
  type        = string
}

variable "noncurrent_version_expiration_days" {
  description = "Days after which a replaced artifact version is deleted (published Lambda versions keep their own copy of the code)."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags applied to the bucket."
  type        = map(string)
  default     = {}
}
