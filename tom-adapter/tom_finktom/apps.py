from django.apps import AppConfig


class TomFinkTomConfig(AppConfig):
    """Add ``'tom_finktom'`` to ``INSTALLED_APPS``: TOM 3 finds the data service through :meth:`data_services`."""
    name = 'tom_finktom'
    verbose_name = 'FinkTom'
    default_auto_field = 'django.db.models.AutoField'

    def data_services(self):
        # TOM's get_data_service_classes() imports each 'class' path and keys it by the class's `name`.
        return [{'class': 'tom_finktom.dataservice.FinkTomDataService'}]

    def include_url_paths(self):
        # tom_base 2.x adds each app's paths to its URLconf (tom_common/urls.py).
        from django.urls import include, path
        return [path('finktom/', include('tom_finktom.urls', namespace='tom_finktom'))]

    def target_detail_buttons(self):
        # The target page shows each app's buttons beside Update and Delete (tom_targets' get_buttons tag).
        return [{'partial': 'tom_finktom/partials/cutouts_button.html',
                 'context': 'tom_finktom.views.cutouts_button_context'}]
