from django.apps import AppConfig


class TomFinkTomConfig(AppConfig):
    """Add ``'tom_finktom'`` to ``INSTALLED_APPS``: TOM 3 finds the data service through :meth:`data_services`."""
    name = 'tom_finktom'
    verbose_name = 'FinkTom'
    default_auto_field = 'django.db.models.AutoField'

    def data_services(self):
        # TOM's get_data_service_classes() imports each 'class' path and keys it by the class's `name`.
        return [{'class': 'tom_finktom.dataservice.FinkTomDataService'}]
