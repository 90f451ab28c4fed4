from odoo import models
from odoo.exceptions import UserError


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    """Merging contacts keeps the petitioner's personal data, whoever merges.

    Odoo's merge copies the fields the merging user can read and moves the
    rows that point to the merged contacts; the personal data (one record
    per contact, unique) is consolidated here first, as superuser: the
    destination keeps its values and takes the missing ones from the others.
    Two different 身份证号 are two people: such contacts are not merged.
    """

    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        Partner = self.env["res.partner"]
        partners = Partner.browse(partner_ids).exists()
        Data = self.env["xinfang.petitioner.data"].sudo()
        records = Data.search([("partner_id", "in", partners.ids)])
        if len(partners) >= 2 and records:
            numbers = set(records.mapped("id_number")) - {False}
            if len(numbers) > 1:
                raise UserError(
                    self.env._(
                        "These contacts have different ID numbers: they are "
                        "different people and cannot be merged."
                    )
                )
            if not dst_partner or dst_partner not in partners:
                dst_partner = self._get_ordered_partner(partners.ids)[-1]
            keep = records.filtered(lambda d: d.partner_id == dst_partner)
            merged = {}
            for data in keep | records.sorted("id"):
                for fname in ("id_number", "phone", "street", "birth_date"):
                    merged[fname] = merged.get(fname) or data[fname]
            (records - keep).unlink()
            if keep:
                keep.write(merged)
            else:
                Data.create(dict(merged, partner_id=dst_partner.id))
        return super()._merge(
            partner_ids, dst_partner=dst_partner, extra_checks=extra_checks
        )
