# Fixture: an ECS service runs a task definition whose container runs the worker image. No build configuration
# names the image; its registry path media/worker names worker/Dockerfile (medium), whose context is its
# directory by convention (medium). Right answer: the image, the task definition and the service each get a
# has-flaw edge to the deserialization flaw in worker/src/jobs.py, at medium confidence.
resource "aws_ecs_cluster" "media" {
  name = "media"
}

resource "aws_ecs_task_definition" "worker" {
  family                   = "media-worker"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 512
  memory                   = 1024
  container_definitions = jsonencode([
    {
      name      = "worker"
      image     = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/media/worker:1.8.0"
      essential = true
    }
  ])
}

resource "aws_ecs_service" "worker" {
  name            = "media-worker"
  cluster         = aws_ecs_cluster.media.id
  task_definition = aws_ecs_task_definition.worker.arn
  desired_count   = 2
  launch_type     = "FARGATE"
}
