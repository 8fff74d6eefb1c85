from django.urls import path

from .views import SaveCutoutsView

app_name = 'tom_finktom'

urlpatterns = [
    path('targets/<int:pk>/cutouts/', SaveCutoutsView.as_view(), name='save-cutouts'),
]
