# Django-style settings with an AWS secret key (aws-secret-key, key AWS_SECRET_ACCESS_KEY).
AWS_SECRET_ACCESS_KEY = "ARUsRJlNONwktN9ugkZeESG61she/QAqq0nv3Vth"
DEBUG = False
