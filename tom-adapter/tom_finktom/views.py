"""The target page's "FinkTom cutouts" button: saves the stamps of the target's newest alert as its data products."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.views import View

from .client import FinkTomError
from .config import read_settings
from .cutouts import cutout_object_id, save_cutouts


def cutouts_button_context(context):
    """The button shows on the pages of targets FinkTom has stamps for: named (or aliased) by a ZTF object ID or a
    Rubin diaObjectId."""
    target = context.get('target') or context.get('object')
    return {'finktom_cutouts': target is not None and cutout_object_id(target) is not None}


class SaveCutoutsView(LoginRequiredMixin, View):
    """POST only (it writes files); answers with a redirect to the target page and a message, never an error page."""

    def post(self, request, pk):
        from guardian.shortcuts import get_objects_for_user
        from tom_targets.models import Target
        target = get_objects_for_user(request.user, f'{Target._meta.app_label}.change_target').filter(pk=pk).first()
        if target is None:
            raise Http404('No such target, or you may not change it.')
        try:
            saved, kept = save_cutouts(target, read_settings(settings))
        except FinkTomError as e:
            messages.warning(request, f'The FinkTom cutouts of {target.name} were not saved: {e}')
        else:
            messages.success(request, f'FinkTom cutouts of {target.name}: {len(saved)} file(s) saved, '
                                      f'{len(kept)} already there.')
        return redirect('tom_targets:detail', pk=target.pk)
