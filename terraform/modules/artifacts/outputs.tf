output "bucket_name" {
  description = "Name of the artifacts bucket, available once the bucket is versioned, encrypted and private (objects uploaded through it get a version id)."
  value       = aws_s3_bucket.this.bucket

  depends_on = [
    aws_s3_bucket_ownership_controls.this,
    aws_s3_bucket_public_access_block.this,
    aws_s3_bucket_versioning.this,
    aws_s3_bucket_server_side_encryption_configuration.this,
    aws_s3_bucket_policy.this,
  ]
}

output "bucket_arn" {
  description = "ARN of the artifacts bucket."
  value       = aws_s3_bucket.this.arn
}
